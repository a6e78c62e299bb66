// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IComputeRegistry} from "./IComputeRegistry.sol";

/// @title IHardwareAttestations
/// @notice The attested-hardware check: a governed set of attesters, and the verification of their EAS
/// off-chain attestations (EIP-712, EAS's version 2 format) that an owner holds a list of devices. Devices
/// come from the attestation, never from the registrant. Revocation is EAS's own `revokeOffchain(uid)`.
interface IHardwareAttestations {
    /// @notice An EAS off-chain attestation (version 2), as the EAS SDK signs it. `data` is
    /// `abi.encode(uint16[] skuIds, uint8[] counts, bytes32[] deviceIds, bytes32 evidenceHash)`.
    /// @param version The off-chain attestation version: 2.
    /// @param schema The hardware schema's UID (`schemaUID()`).
    /// @param recipient The node owner.
    /// @param time When the attester signed it.
    /// @param expirationTime When it expires (non-zero, within `MAX_LIFETIME`).
    /// @param revocable Must be true, so the attester can revoke it.
    /// @param refUID Unused; must be zero.
    /// @param data The encoded devices.
    /// @param salt The attester's salt.
    struct OffchainAttestation {
        uint16 version;
        bytes32 schema;
        address recipient;
        uint64 time;
        uint64 expirationTime;
        bool revocable;
        bytes32 refUID;
        bytes data;
        bytes32 salt;
    }

    /// @notice What a valid attestation establishes, its devices checked against the catalog and the caps.
    /// @param uid Its EAS off-chain UID (what `revokeOffchain` takes).
    /// @param attesterId The attester's id in the set.
    /// @param expirationTime When it expires.
    /// @param memoryMiB The devices' total memory, from the catalog.
    /// @param packedLines The lines packed as the registry stores them ({NodeWords}).
    /// @param lines The devices as (SKU, count) lines, in the attestation's order.
    /// @param deviceIds One identifier per device, ascending.
    struct Attested {
        bytes32 uid;
        uint16 attesterId;
        uint64 expirationTime;
        uint32 memoryMiB;
        uint144 packedLines;
        IComputeRegistry.DeviceLine[] lines;
        bytes32[] deviceIds;
    }

    /// @notice The caps a node's devices must fit (the registry's governed values).
    /// @param maxDevices Most devices.
    /// @param maxMemoryMiB Most memory, in MiB.
    struct Caps {
        uint256 maxDevices;
        uint256 maxMemoryMiB;
    }

    /// @notice Why an attestation no longer holds.
    enum Lapse {
        None,
        Expired,
        Revoked,
        AttesterRemoved
    }

    /// @notice Emitted when governance adds an attester.
    /// @param attester Its address.
    /// @param attesterId Its id (never reused).
    event AttesterAdded(address indexed attester, uint16 indexed attesterId);
    /// @notice Emitted when governance removes an attester; every node it alone attested may be lapsed.
    /// @param attester Its address.
    /// @param attesterId Its id.
    event AttesterRemoved(address indexed attester, uint16 indexed attesterId);

    /// @notice The address is already an active attester.
    /// @param attester The address.
    error HardwareAttestationsAlreadyAttester(address attester);
    /// @notice The address is not an active attester.
    /// @param attester The address.
    error HardwareAttestationsNotAttester(address attester);
    /// @notice The set holds `MAX_ATTESTERS` active attesters already.
    /// @param maxAttesters The limit.
    error HardwareAttestationsTooManyAttesters(uint256 maxAttesters);
    /// @notice Every attester id has been used.
    error HardwareAttestationsIdsExhausted();
    /// @notice The zero address cannot attest.
    error HardwareAttestationsZeroAttester();
    /// @notice A deployment needs at least one attester: without one no node can register, so no vote could ever
    /// add one.
    error HardwareAttestationsNoAttesters();
    /// @notice The attestation is not in EAS's version 2 off-chain format.
    /// @param version The version given.
    error HardwareAttestationsWrongVersion(uint256 version);
    /// @notice The attestation is for another schema.
    /// @param schema The schema given.
    /// @param expected The hardware schema.
    error HardwareAttestationsWrongSchema(bytes32 schema, bytes32 expected);
    /// @notice The attestation is for another recipient.
    /// @param recipient The recipient in the attestation.
    /// @param expected Who submitted it.
    error HardwareAttestationsWrongRecipient(address recipient, address expected);
    /// @notice The attestation has expired, has no expiry, or lives longer than `MAX_LIFETIME`.
    /// @param expirationTime Its expiry.
    /// @param now_ The current time.
    error HardwareAttestationsBadExpiry(uint256 expirationTime, uint256 now_);
    /// @notice The attestation is dated in the future.
    /// @param time Its time.
    /// @param now_ The current time.
    error HardwareAttestationsFutureTime(uint256 time, uint256 now_);
    /// @notice The attestation is not revocable, or refers to another attestation.
    error HardwareAttestationsNotRevocable();
    /// @notice The signature is not the attester's.
    /// @param attester The attester named.
    error HardwareAttestationsBadSignature(address attester);
    /// @notice The attester revoked this attestation (EAS `revokeOffchain`).
    /// @param uid The attestation.
    error HardwareAttestationsRevoked(bytes32 uid);
    /// @notice The device data does not decode to matching lines and device ids.
    error HardwareAttestationsMalformedDevices();
    /// @notice A device id is zero or appears twice in one attestation.
    /// @param deviceId The id.
    error HardwareAttestationsBadDeviceId(bytes32 deviceId);
    /// @notice The attested device list is empty.
    error HardwareAttestationsNoDevices();
    /// @notice More distinct SKUs than a node can hold.
    /// @param lines Lines given.
    /// @param maxLines The limit.
    error HardwareAttestationsTooManyDeviceLines(uint256 lines, uint256 maxLines);
    /// @notice A device line has a count of zero.
    /// @param skuId The SKU of that line.
    error HardwareAttestationsZeroDeviceCount(uint256 skuId);
    /// @notice A SKU appears in two lines.
    /// @param skuId The SKU.
    error HardwareAttestationsDuplicateSku(uint256 skuId);
    /// @notice The SKU is deprecated in the catalog.
    /// @param skuId The SKU.
    error HardwareAttestationsSkuDeprecated(uint256 skuId);
    /// @notice More devices than the registry's cap.
    /// @param devices Devices attested.
    /// @param maxDevices The cap.
    error HardwareAttestationsTooManyDevices(uint256 devices, uint256 maxDevices);
    /// @notice Total memory above the registry's cap.
    /// @param memoryMiB The node's memory.
    /// @param capMiB The cap.
    error HardwareAttestationsMemoryAboveCap(uint256 memoryMiB, uint256 capMiB);
    /// @notice The schema could not be found in EAS's schema registry after registering it.
    /// @param uid The schema UID.
    error HardwareAttestationsSchemaMissing(bytes32 uid);

    /// @notice Adds an attester. Admin (timelock) only; at most `MAX_ATTESTERS` active at once.
    /// @param attester The attester's address (an EOA, or an ERC-1271 contract such as a multisig).
    /// @return attesterId Its new id.
    function addAttester(address attester) external returns (uint16 attesterId);

    /// @notice Removes an attester. Admin (timelock) only. Nodes attested by it may then be lapsed by anyone.
    /// @param attester The attester's address.
    function removeAttester(address attester) external;

    /// @notice Checks an attestation and decodes its devices, each line a known, not deprecated catalog SKU,
    /// within `caps`. Reverts with the reason when it does not hold.
    /// @param attestation The attestation.
    /// @param attester Who signed it; must be an active attester.
    /// @param signature The attester's EIP-712 signature (65 bytes, or ERC-1271).
    /// @param recipient Who must be its recipient (the caller of the registry).
    /// @param caps The device and memory caps.
    /// @return attested What it establishes.
    function verify(
        OffchainAttestation calldata attestation,
        address attester,
        bytes calldata signature,
        address recipient,
        Caps calldata caps
    ) external view returns (Attested memory attested);

    /// @notice Whether an attestation a node holds no longer stands, and why.
    /// @param attesterId Its attester.
    /// @param uid Its UID.
    /// @param expirationTime Its expiry.
    /// @return The reason, or `None` while it holds.
    function lapseOf(uint16 attesterId, bytes32 uid, uint64 expirationTime) external view returns (Lapse);

    /// @notice The EAS off-chain UID of an attestation (EAS SDK's `getOffchainUID`, version 2).
    /// @param attestation The attestation.
    /// @return The UID.
    function uidOf(OffchainAttestation calldata attestation) external pure returns (bytes32);

    /// @notice The EIP-712 digest the attester signs (domain "EAS Attestation", EAS's version, this chain,
    /// the EAS contract).
    /// @param attestation The attestation.
    /// @return The digest.
    function digestOf(OffchainAttestation calldata attestation) external view returns (bytes32);

    /// @notice An attester's id, or 0 when it was never added.
    /// @param attester The address.
    /// @return The id.
    function attesterIdOf(address attester) external view returns (uint16);

    /// @notice The attester with an id, and whether it is still in the set.
    /// @param attesterId The id.
    /// @return attester Its address.
    /// @return active True while it may attest.
    function attesterOf(uint16 attesterId) external view returns (address attester, bool active);

    /// @notice The active attesters.
    /// @return attesters Their addresses.
    function attesters() external view returns (address[] memory attesters);

    /// @notice The hardware schema's UID in EAS's schema registry.
    /// @return The UID.
    function schemaUID() external view returns (bytes32);

    /// @notice The EAS contract whose off-chain format and revocations count.
    /// @return Its address.
    function eas() external view returns (address);

    /// @notice The catalog the attested SKUs must be in.
    /// @return Its address.
    function catalog() external view returns (address);
}
