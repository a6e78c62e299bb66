// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IEAS} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {ISchemaRegistry} from "@ethereum-attestation-service/eas-contracts/contracts/ISchemaRegistry.sol";
import {ISemver} from "@ethereum-attestation-service/eas-contracts/contracts/ISemver.sol";
import {ISchemaResolver} from "@ethereum-attestation-service/eas-contracts/contracts/resolver/ISchemaResolver.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {FixedAdmin} from "../access/FixedAdmin.sol";
import {IComputeRegistry} from "../interfaces/IComputeRegistry.sol";
import {IHardwareAttestations} from "../interfaces/IHardwareAttestations.sol";
import {IHardwareCatalog} from "../interfaces/IHardwareCatalog.sol";

/// @title HardwareAttestations
/// @notice The attester set and the check of their attestations. See {IHardwareAttestations}.
/// @dev Off-chain attestations, not on-chain ones, by measured gas: an on-chain EAS `attest` of a small device
/// list costs the attester ~409K gas and the registry then reads the stored attestation back (~40K); verifying
/// the EIP-712 signature here costs the registering owner ~25K and the attester nothing. Revocation stays
/// EAS's (`revokeOffchain`), so EAS's explorers and SDK see and revoke these attestations as their own.
contract HardwareAttestations is IHardwareAttestations, FixedAdmin {
    /// @notice The schema every hardware attestation uses (registered in EAS's schema registry at deployment).
    string public constant SCHEMA = "uint16[] skuIds,uint8[] counts,bytes32[] deviceIds,bytes32 evidenceHash";
    /// @notice Most attesters active at once.
    uint256 public constant MAX_ATTESTERS = 16;
    /// @notice Longest an attestation may live: hardware is re-attested at least this often.
    uint256 public constant MAX_LIFETIME = 400 days;
    /// @notice The off-chain attestation version accepted (EAS SDK `OffchainAttestationVersion.Version2`).
    uint16 public constant OFFCHAIN_VERSION = 2;
    /// @notice Most distinct SKUs in one node: six lines of 24 bits pack into a storage word with the bond.
    uint256 public constant MAX_DEVICE_LINES = 6;

    bytes32 private constant _ATTEST_TYPEHASH = keccak256(
        "Attest(uint16 version,bytes32 schema,address recipient,uint64 time,uint64 expirationTime,bool revocable,bytes32 refUID,bytes data,bytes32 salt)"
    );
    bytes32 private constant _DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );
    bytes32 private constant _DOMAIN_NAME_HASH = keccak256("EAS Attestation");

    struct AttesterRecord {
        address account;
        bool active;
    }

    IEAS private immutable _eas;
    IHardwareCatalog private immutable _catalog;
    bytes32 private immutable _schemaUID;
    bytes32 private immutable _easVersionHash;
    uint256 private immutable _cachedChainId;
    bytes32 private immutable _cachedDomainSeparator;

    mapping(uint16 attesterId => AttesterRecord record) private _records;
    mapping(address attester => uint16 attesterId) private _idOf;
    address[] private _active;
    uint16 private _lastId;

    /// @param admin_ The admin for good (the timelock in a deployment): adds and removes attesters.
    /// @param eas_ The EAS contract (the canonical one on public chains).
    /// @param catalog_ The catalog attested SKUs must be in.
    /// @param initialAttesters Attesters trusted from the start.
    constructor(
        address admin_,
        IEAS eas_,
        IHardwareCatalog catalog_,
        address[] memory initialAttesters
    ) FixedAdmin(admin_) {
        if (initialAttesters.length == 0) revert HardwareAttestationsNoAttesters();
        _eas = eas_;
        _catalog = catalog_;
        ISchemaRegistry schemas = eas_.getSchemaRegistry();
        bytes32 uid = keccak256(abi.encodePacked(SCHEMA, address(0), true));
        // Another deployment on the same chain may have registered the schema already: that is the same schema.
        // solhint-disable-next-line no-empty-blocks
        try schemas.register(SCHEMA, ISchemaResolver(address(0)), true) {} catch {}
        if (schemas.getSchema(uid).uid != uid) revert HardwareAttestationsSchemaMissing(uid);
        _schemaUID = uid;
        _easVersionHash = keccak256(bytes(ISemver(address(eas_)).version()));
        _cachedChainId = block.chainid;
        _cachedDomainSeparator = _buildDomainSeparator();
        for (uint256 i = 0; i < initialAttesters.length; ++i) {
            _addAttester(initialAttesters[i]);
        }
    }

    // ---------------------------------------------------------------- attesters

    /// @inheritdoc IHardwareAttestations
    function addAttester(address attester) external onlyAdmin returns (uint16) {
        return _addAttester(attester);
    }

    /// @inheritdoc IHardwareAttestations
    function removeAttester(address attester) external onlyAdmin {
        uint16 id = _idOf[attester];
        if (id == 0 || !_records[id].active) revert HardwareAttestationsNotAttester(attester);
        _records[id].active = false;
        uint256 last = _active.length - 1;
        for (uint256 i = 0; i < last; ++i) {
            if (_active[i] == attester) {
                _active[i] = _active[last];
                break;
            }
        }
        _active.pop();
        emit AttesterRemoved(attester, id);
    }

    // ---------------------------------------------------------------- verification

    /// @inheritdoc IHardwareAttestations
    function verify(
        OffchainAttestation calldata attestation,
        address attester,
        bytes calldata signature,
        address recipient,
        Caps calldata caps
    ) external view returns (Attested memory attested) {
        if (attestation.version != OFFCHAIN_VERSION) revert HardwareAttestationsWrongVersion(attestation.version);
        if (attestation.schema != _schemaUID) revert HardwareAttestationsWrongSchema(attestation.schema, _schemaUID);
        if (attestation.recipient != recipient) {
            revert HardwareAttestationsWrongRecipient(attestation.recipient, recipient);
        }
        uint256 expiry = attestation.expirationTime;
        // The lifetime counts from the attestation's own time too: one signed long ago to live long is no
        // re-attestation, even in the last MAX_LIFETIME of its life.
        if (
            expiry <= block.timestamp ||
            expiry > block.timestamp + MAX_LIFETIME ||
            expiry > uint256(attestation.time) + MAX_LIFETIME
        ) revert HardwareAttestationsBadExpiry(expiry, block.timestamp);
        if (attestation.time > block.timestamp)
            revert HardwareAttestationsFutureTime(attestation.time, block.timestamp);
        if (!attestation.revocable || attestation.refUID != 0) revert HardwareAttestationsNotRevocable();
        uint16 attesterId = _idOf[attester];
        if (attesterId == 0 || !_records[attesterId].active) revert HardwareAttestationsNotAttester(attester);
        if (!SignatureChecker.isValidSignatureNow(attester, _digest(attestation), signature)) {
            revert HardwareAttestationsBadSignature(attester);
        }
        bytes32 uid = _uid(attestation);
        if (_eas.getRevokeOffchain(attester, uid) != 0) revert HardwareAttestationsRevoked(uid);

        attested.uid = uid;
        attested.attesterId = attesterId;
        attested.expirationTime = attestation.expirationTime;
        (attested.lines, attested.deviceIds) = _decodeDevices(attestation.data);
        (attested.memoryMiB, attested.packedLines) = _checkLines(attested.lines, caps);
    }

    /// @inheritdoc IHardwareAttestations
    function lapseOf(uint16 attesterId, bytes32 uid, uint64 expirationTime) external view returns (Lapse) {
        if (expirationTime <= block.timestamp) return Lapse.Expired;
        AttesterRecord memory record = _records[attesterId];
        if (!record.active) return Lapse.AttesterRemoved;
        if (_eas.getRevokeOffchain(record.account, uid) != 0) return Lapse.Revoked;
        return Lapse.None;
    }

    /// @inheritdoc IHardwareAttestations
    function uidOf(OffchainAttestation calldata attestation) external pure returns (bytes32) {
        return _uid(attestation);
    }

    /// @inheritdoc IHardwareAttestations
    function digestOf(OffchainAttestation calldata attestation) external view returns (bytes32) {
        return _digest(attestation);
    }

    /// @notice Decodes an attestation's device data; reverts with `HardwareAttestationsMalformedDevices` when
    /// it is not `(uint16[], uint8[], bytes32[], bytes32)`. External so that a decoding failure can be caught.
    /// @param data The attestation data.
    /// @return skuIds The SKU of each line.
    /// @return counts The device count of each line.
    /// @return deviceIds The device ids.
    function decodeDeviceData(
        bytes calldata data
    ) external pure returns (uint16[] memory skuIds, uint8[] memory counts, bytes32[] memory deviceIds) {
        (skuIds, counts, deviceIds, ) = abi.decode(data, (uint16[], uint8[], bytes32[], bytes32));
    }

    // ---------------------------------------------------------------- reads

    /// @inheritdoc IHardwareAttestations
    function attesterIdOf(address attester) external view returns (uint16) {
        return _idOf[attester];
    }

    /// @inheritdoc IHardwareAttestations
    function attesterOf(uint16 attesterId) external view returns (address attester, bool active) {
        AttesterRecord memory record = _records[attesterId];
        return (record.account, record.active);
    }

    /// @inheritdoc IHardwareAttestations
    function attesters() external view returns (address[] memory) {
        return _active;
    }

    /// @inheritdoc IHardwareAttestations
    function schemaUID() external view returns (bytes32) {
        return _schemaUID;
    }

    /// @inheritdoc IHardwareAttestations
    function eas() external view returns (address) {
        return address(_eas);
    }

    /// @inheritdoc IHardwareAttestations
    function catalog() external view returns (address) {
        return address(_catalog);
    }

    // ---------------------------------------------------------------- internals

    function _addAttester(address attester) private returns (uint16 id) {
        if (attester == address(0)) revert HardwareAttestationsZeroAttester();
        uint16 existing = _idOf[attester];
        if (existing != 0 && _records[existing].active) revert HardwareAttestationsAlreadyAttester(attester);
        if (_active.length >= MAX_ATTESTERS) revert HardwareAttestationsTooManyAttesters(MAX_ATTESTERS);
        if (_lastId == type(uint16).max) revert HardwareAttestationsIdsExhausted();
        // A new id even for a returning attester: nodes it attested before its removal stay lapsable.
        id = ++_lastId;
        _records[id] = AttesterRecord(attester, true);
        _idOf[attester] = id;
        _active.push(attester);
        emit AttesterAdded(attester, id);
    }

    function _decodeDevices(
        bytes calldata data
    ) private view returns (IComputeRegistry.DeviceLine[] memory lines, bytes32[] memory deviceIds) {
        uint16[] memory skuIds;
        uint8[] memory counts;
        try this.decodeDeviceData(data) returns (uint16[] memory s, uint8[] memory c, bytes32[] memory d) {
            (skuIds, counts, deviceIds) = (s, c, d);
        } catch {
            revert HardwareAttestationsMalformedDevices();
        }
        if (skuIds.length != counts.length) revert HardwareAttestationsMalformedDevices();
        lines = new IComputeRegistry.DeviceLine[](skuIds.length);
        uint256 devices = 0;
        for (uint256 i = 0; i < skuIds.length; ++i) {
            lines[i] = IComputeRegistry.DeviceLine(skuIds[i], counts[i]);
            devices += counts[i];
        }
        if (devices != deviceIds.length) revert HardwareAttestationsMalformedDevices();
        // Strictly ascending: distinct (and non-zero) in one pass, whatever the number of devices.
        bytes32 previous = 0;
        for (uint256 i = 0; i < deviceIds.length; ++i) {
            if (deviceIds[i] <= previous) revert HardwareAttestationsBadDeviceId(deviceIds[i]);
            previous = deviceIds[i];
        }
    }

    /// @dev Each line a known, not deprecated SKU, no SKU twice, no empty line, within the caps; returns the
    /// memory (from the catalog, never from the attestation) and the lines packed as the registry stores them.
    function _checkLines(
        IComputeRegistry.DeviceLine[] memory lines,
        Caps calldata caps
    ) private view returns (uint32 memoryMiB, uint144 packedLines) {
        uint256 lineCount = lines.length;
        if (lineCount == 0) revert HardwareAttestationsNoDevices();
        if (lineCount > MAX_DEVICE_LINES) revert HardwareAttestationsTooManyDeviceLines(lineCount, MAX_DEVICE_LINES);
        uint256 deviceCount = 0;
        uint256 totalMiB = 0;
        uint256 packed = 0;
        for (uint256 i = 0; i < lineCount; ++i) {
            IComputeRegistry.DeviceLine memory line = lines[i];
            if (line.count == 0) revert HardwareAttestationsZeroDeviceCount(line.skuId);
            for (uint256 j = 0; j < i; ++j) {
                if (lines[j].skuId == line.skuId) revert HardwareAttestationsDuplicateSku(line.skuId);
            }
            (uint32 skuMiB, bool deprecated) = _catalog.skuMemory(line.skuId);
            if (deprecated) revert HardwareAttestationsSkuDeprecated(line.skuId);
            deviceCount += line.count;
            totalMiB += uint256(skuMiB) * line.count;
            packed |= (uint256(line.skuId) | (uint256(line.count) << 16)) << (24 * i);
        }
        if (deviceCount > caps.maxDevices) revert HardwareAttestationsTooManyDevices(deviceCount, caps.maxDevices);
        if (totalMiB > caps.maxMemoryMiB) revert HardwareAttestationsMemoryAboveCap(totalMiB, caps.maxMemoryMiB);
        // Both fit: the registry caps memory at 2^20 MiB, and 6 lines of 24 bits are 144 bits.
        return (uint32(totalMiB), uint144(packed));
    }

    function _digest(OffchainAttestation calldata a) private view returns (bytes32) {
        bytes32 structHash = keccak256(
            abi.encode(
                _ATTEST_TYPEHASH,
                a.version,
                a.schema,
                a.recipient,
                a.time,
                a.expirationTime,
                a.revocable,
                a.refUID,
                keccak256(a.data),
                a.salt
            )
        );
        bytes32 domain = block.chainid == _cachedChainId ? _cachedDomainSeparator : _buildDomainSeparator();
        return keccak256(abi.encodePacked("\x19\x01", domain, structHash));
    }

    function _buildDomainSeparator() private view returns (bytes32) {
        return
            keccak256(abi.encode(_DOMAIN_TYPEHASH, _DOMAIN_NAME_HASH, _easVersionHash, block.chainid, address(_eas)));
    }

    /// @dev EAS SDK's off-chain UID (version 2). The SDK packs the schema UID as its "0x…" hex text, in lower case.
    function _uid(OffchainAttestation calldata a) private pure returns (bytes32) {
        return
            keccak256(
                abi.encodePacked(
                    a.version,
                    Strings.toHexString(uint256(a.schema), 32),
                    a.recipient,
                    address(0),
                    a.time,
                    a.expirationTime,
                    a.revocable,
                    a.refUID,
                    a.data,
                    a.salt,
                    uint32(0)
                )
            );
    }
}
