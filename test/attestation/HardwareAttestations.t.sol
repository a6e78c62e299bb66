// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Attest} from "../utils/Attest.sol";
import {IEAS} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {ISchemaRegistry, SchemaRecord} from "@ethereum-attestation-service/eas-contracts/contracts/ISchemaRegistry.sol";
import {ISchemaResolver} from "@ethereum-attestation-service/eas-contracts/contracts/resolver/ISchemaResolver.sol";
import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {FixedAdmin} from "../../contracts/access/FixedAdmin.sol";
import {HardwareAttestations} from "../../contracts/attestation/HardwareAttestations.sol";
import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {IHardwareAttestations} from "../../contracts/interfaces/IHardwareAttestations.sol";
import {IHardwareCatalog} from "../../contracts/interfaces/IHardwareCatalog.sol";
import {RegistryTestBase} from "../registry/RegistryTestBase.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";

/// @notice Cheatcodes EDR supports that test/utils/Vm.sol does not declare.
interface VmChain {
    function chainId(uint256 newChainId) external;
}

/// @notice An ERC-1271 attester (a multisig stands in as one key): accepts the EIP-712 digest signed by its
/// key, and revokes through EAS as itself.
contract ContractAttester is IERC1271 {
    address public immutable key;
    IEAS public immutable eas;

    constructor(address key_, IEAS eas_) {
        key = key_;
        eas = eas_;
    }

    function isValidSignature(bytes32 hash, bytes memory signature) external view returns (bytes4) {
        (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecover(hash, signature);
        return err == ECDSA.RecoverError.NoError && recovered == key ? IERC1271.isValidSignature.selector : bytes4(0);
    }

    function revoke(bytes32 uid) external {
        eas.revokeOffchain(uid);
    }
}

/// @notice A schema registry that registers nothing, for the constructor's `HardwareAttestationsSchemaMissing`.
contract ForgetfulSchemaRegistry {
    function register(string calldata, ISchemaResolver, bool) external pure returns (bytes32) {
        return bytes32(0);
    }

    function getSchema(bytes32) external pure returns (SchemaRecord memory record) {}
}

contract ForgetfulEas {
    ForgetfulSchemaRegistry public immutable registry = new ForgetfulSchemaRegistry();

    function getSchemaRegistry() external view returns (ISchemaRegistry) {
        return ISchemaRegistry(address(registry));
    }

    function version() external pure returns (string memory) {
        return "1.4.0";
    }
}

/// @notice HardwareAttestations: the governed attester set, and `verify` / `lapseOf` / `uidOf` / `digestOf`
/// against the real EAS (deployed from its npm artifacts) and vectors made with the EAS SDK 2.10.0.
contract HardwareAttestationsTest is RegistryTestBase {
    VmChain internal constant vmChain = VmChain(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
    bytes32 internal constant ATTEST_TYPEHASH = keccak256(
        "Attest(uint16 version,bytes32 schema,address recipient,uint64 time,uint64 expirationTime,bool revocable,bytes32 refUID,bytes data,bytes32 salt)"
    );
    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

    /// @notice Where the fixture's EAS lands (the test contract's second CREATE), as the SDK vector assumes.
    address internal constant VECTOR_EAS = 0x2e234DAe75C793f67A35089C9d99245E1C58470b;
    /// @notice From `Offchain.signOffchainAttestation` of @ethereum-attestation-service/eas-sdk 2.10.0, Version2,
    /// domain {"EAS Attestation", "1.4.0", 31337, VECTOR_EAS}, signer ATTESTER_PK, for `_vectorAttestation()`.
    bytes32 internal constant VECTOR_UID = 0x49a9405ed7fde23c018920eb0d2cfb1bcdebb6496d1e94cbb391f6a9ff3705bb;
    bytes32 internal constant VECTOR_R = 0x484615d0ca48ccd03532e81d76709552545a1b6a2852316cce2cd5435e1b093f;
    bytes32 internal constant VECTOR_S = 0x01aaa691dec9c9025c57868f822a8237e906c0195edbf21733b279459c17dbac;
    uint8 internal constant VECTOR_V = 27;

    IHardwareAttestations.Caps internal caps;

    function setUp() public {
        deployFixture();
        caps = IHardwareAttestations.Caps(MAX_DEVICES, MAX_NODE_MEMORY_MIB);
    }

    // ------------------------------------------------------------------ helpers

    function _one(uint16 skuId, uint8 count) internal returns (Signed memory) {
        return attest(ALICE, oneLine(skuId, count));
    }

    /// @notice An attestation of raw device data (which may be malformed), signed by the first attester.
    function _withData(bytes memory data) internal view returns (Signed memory s) {
        s.a = attestation(ALICE, oneLine(SeedDevices.RTX_4090, 1), new bytes32[](1));
        s.a.data = data;
        return resign(s, ATTESTER_PK);
    }

    function _lines(uint16[] memory skuIds, uint8[] memory counts, bytes32[] memory ids)
        internal
        view
        returns (Signed memory)
    {
        return _withData(abi.encode(skuIds, counts, ids, keccak256("evidence")));
    }

    function _verify(Signed memory s) internal view returns (IHardwareAttestations.Attested memory) {
        return attestations.verify(s.a, s.attester, s.signature, ALICE, caps);
    }

    function _expectVerifyRevert(Signed memory s, bytes memory err) internal {
        vm.expectRevert(err);
        attestations.verify(s.a, s.attester, s.signature, ALICE, caps);
    }

    function _u16(uint16 a) internal pure returns (uint16[] memory r) {
        r = new uint16[](1);
        r[0] = a;
    }

    function _u8(uint8 a) internal pure returns (uint8[] memory r) {
        r = new uint8[](1);
        r[0] = a;
    }

    function _b32(bytes32 a, bytes32 b) internal pure returns (bytes32[] memory r) {
        r = new bytes32[](2);
        (r[0], r[1]) = (a, b);
    }

    function _domain(uint256 chainId, address verifyingContract) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256("EAS Attestation"), keccak256("1.4.0"), chainId, verifyingContract)
        );
    }

    /// @notice The EIP-712 digest, written out from the EAS SDK's Version2 type, for any domain.
    function _digest(IHardwareAttestations.OffchainAttestation memory a, bytes32 domain)
        internal
        pure
        returns (bytes32)
    {
        bytes32 structHash = keccak256(
            abi.encode(
                ATTEST_TYPEHASH,
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
        return keccak256(abi.encodePacked("\x19\x01", domain, structHash));
    }

    function _signDigest(uint256 pk, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(pk, digest);
        return abi.encodePacked(r, s, v);
    }

    /// @notice The attestation the SDK vector signs: one RTX 4090 with device id 1 for ALICE.
    function _vectorAttestation() internal view returns (IHardwareAttestations.OffchainAttestation memory a) {
        uint16[] memory skuIds = _u16(SeedDevices.RTX_4090);
        uint8[] memory counts = _u8(1);
        bytes32[] memory ids = new bytes32[](1);
        ids[0] = bytes32(uint256(1));
        a = IHardwareAttestations.OffchainAttestation({
            version: 2,
            schema: attestations.schemaUID(),
            recipient: ALICE,
            time: uint64(START_TIME),
            expirationTime: uint64(START_TIME + 180 days),
            revocable: true,
            refUID: bytes32(0),
            data: abi.encode(skuIds, counts, ids, keccak256("evidence")),
            salt: keccak256("salt")
        });
    }

    // ------------------------------------------------------------------ constructor & schema

    function test_constructor_registersTheSchemaAndTheAttesters() public view {
        bytes32 uid = keccak256(abi.encodePacked(attestations.SCHEMA(), address(0), true));
        assertEq(attestations.schemaUID(), uid);
        assertEq(uid, 0x135dff73aeb8b7f5057b39c7722173c0602582fcdf141f9d17b34f2b048f0fdd);
        SchemaRecord memory record = eas.getSchemaRegistry().getSchema(uid);
        assertEq(record.uid, uid);
        assertEq(record.schema, "uint16[] skuIds,uint8[] counts,bytes32[] deviceIds,bytes32 evidenceHash");
        assertTrue(record.revocable);
        assertEq(address(record.resolver), address(0));
        assertEq(attestations.eas(), address(eas));
        assertEq(attestations.catalog(), address(catalog));
        assertEq(attestations.admin(), address(this));
        address[] memory list = attestations.attesters();
        assertEq(list.length, 2);
        assertEq(list[0], attester);
        assertEq(list[1], secondAttester);
        assertEq(attestations.attesterIdOf(attester), 1);
        assertEq(attestations.attesterIdOf(secondAttester), 2);
        assertEq(attestations.attesterIdOf(STRANGER), 0);
        (address a, bool active) = attestations.attesterOf(1);
        assertEq(a, attester);
        assertTrue(active);
        (a, active) = attestations.attesterOf(3);
        assertEq(a, address(0));
        assertFalse(active);
        assertEq(attestations.MAX_ATTESTERS(), 16);
        assertEq(attestations.MAX_LIFETIME(), 400 days);
        assertEq(attestations.OFFCHAIN_VERSION(), 2);
        assertEq(attestations.MAX_DEVICE_LINES(), 6);
    }

    function test_constructor_reusesASchemaAnotherDeploymentRegistered() public {
        HardwareAttestations again =
            new HardwareAttestations(address(this), eas, IHardwareCatalog(address(catalog)), _one(attester));
        assertEq(again.schemaUID(), attestations.schemaUID());
        assertEq(again.attesters().length, 1);
    }

    function test_constructor_revertsWhenSchemaMissing() public {
        ForgetfulEas forgetful = new ForgetfulEas();
        bytes32 uid = attestations.schemaUID();
        vm.expectRevert(
            abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsSchemaMissing.selector, uid)
        );
        new HardwareAttestations(address(this), IEAS(address(forgetful)), IHardwareCatalog(address(catalog)), _one(attester));
    }

    function test_constructor_revertsOnBadInitialAttesters() public {
        IHardwareCatalog c = IHardwareCatalog(address(catalog));
        address[] memory list = new address[](2);
        (list[0], list[1]) = (attester, address(0));
        vm.expectRevert(abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsZeroAttester.selector));
        new HardwareAttestations(address(this), eas, c, list);
        (list[0], list[1]) = (attester, attester);
        vm.expectRevert(
            abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsAlreadyAttester.selector, attester)
        );
        new HardwareAttestations(address(this), eas, c, list);
        address[] memory many = new address[](17);
        for (uint256 i = 0; i < 17; ++i) many[i] = actor(3, i);
        vm.expectRevert(abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsTooManyAttesters.selector, 16));
        new HardwareAttestations(address(this), eas, c, many);
        vm.expectRevert(abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsNoAttesters.selector));
        new HardwareAttestations(address(this), eas, c, new address[](0));
        vm.expectRevert(abi.encodeWithSelector(FixedAdmin.FixedAdminZeroAdmin.selector));
        new HardwareAttestations(address(0), eas, c, _one(attester));
    }

    function _one(address a) private pure returns (address[] memory list) {
        list = new address[](1);
        list[0] = a;
    }

    // ------------------------------------------------------------------ the attester set

    function test_addAttester_addsWithANewIdAndEmits() public {
        vm.expectEmit(address(attestations));
        emit IHardwareAttestations.AttesterAdded(STRANGER, 3);
        assertEq(attestations.addAttester(STRANGER), 3);
        assertEq(attestations.attesterIdOf(STRANGER), 3);
        address[] memory list = attestations.attesters();
        assertEq(list.length, 3);
        assertEq(list[2], STRANGER);
    }

    function test_addAttester_boundedCount() public {
        for (uint256 i = 0; i < 14; ++i) attestations.addAttester(actor(4, i));
        assertEq(attestations.attesters().length, 16);
        vm.expectRevert(abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsTooManyAttesters.selector, 16));
        attestations.addAttester(STRANGER);
        assertEq(attestations.attesterIdOf(STRANGER), 0);
        // Room again after a removal; the new attester's id is 17, never a freed one.
        attestations.removeAttester(actor(4, 0));
        assertEq(attestations.addAttester(STRANGER), 17);
        assertEq(attestations.attesters().length, 16);
    }

    function test_addAttester_revertsWhenZeroOrAlreadyActive() public {
        vm.expectRevert(abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsZeroAttester.selector));
        attestations.addAttester(address(0));
        vm.expectRevert(
            abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsAlreadyAttester.selector, attester)
        );
        attestations.addAttester(attester);
        assertEq(attestations.attesters().length, 2);
        assertEq(attestations.attesterIdOf(attester), 1);
    }

    function test_addAttester_revertsWhenIdsExhausted() public {
        // `_lastId` is the fourth slot (after _records, _idOf, _active); the admin is an immutable.
        bytes32 slot = bytes32(uint256(3));
        assertEq(uint256(vm.load(address(attestations), slot)), 2, "storage layout as assumed");
        vm.store(address(attestations), slot, bytes32(uint256(type(uint16).max - 1)));
        assertEq(attestations.addAttester(STRANGER), type(uint16).max);
        vm.expectRevert(abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsIdsExhausted.selector));
        attestations.addAttester(CAROL);
        assertEq(attestations.attesterIdOf(CAROL), 0);
    }

    function test_removeAttester_swapsOutAndEmits() public {
        attestations.addAttester(STRANGER);
        vm.expectEmit(address(attestations));
        emit IHardwareAttestations.AttesterRemoved(attester, 1);
        attestations.removeAttester(attester);
        address[] memory list = attestations.attesters();
        assertEq(list.length, 2);
        assertEq(list[0], STRANGER, "the last one takes the free place");
        assertEq(list[1], secondAttester);
        (address a, bool active) = attestations.attesterOf(1);
        assertEq(a, attester);
        assertFalse(active);
        assertEq(attestations.attesterIdOf(attester), 1, "the id stays with the address until it returns");
        // The last in the list, then the only one.
        attestations.removeAttester(secondAttester);
        attestations.removeAttester(STRANGER);
        assertEq(attestations.attesters().length, 0);
        // Back, with a new id.
        assertEq(attestations.addAttester(attester), 4);
        assertEq(attestations.attesterIdOf(attester), 4);
    }

    function test_removeAttester_revertsWhenNotAttester() public {
        vm.expectRevert(abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsNotAttester.selector, STRANGER));
        attestations.removeAttester(STRANGER);
        attestations.removeAttester(attester);
        vm.expectRevert(abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsNotAttester.selector, attester));
        attestations.removeAttester(attester);
        assertEq(attestations.attesters().length, 1);
    }

    function test_attesterSet_onlyAdmin() public {
        bytes memory err =
            abi.encodeWithSelector(FixedAdmin.FixedAdminUnauthorizedCaller.selector, attester, address(this));
        vm.prank(attester);
        vm.expectRevert(err);
        attestations.addAttester(STRANGER);
        vm.prank(attester);
        vm.expectRevert(err);
        attestations.removeAttester(secondAttester);
        assertEq(attestations.attesters().length, 2);
    }

    // ------------------------------------------------------------------ verify: what a good attestation gives

    function test_verify_returnsTheAttestedDevices() public {
        IComputeRegistry.DeviceLine[] memory d = twoLines(SeedDevices.RTX_3090, 2, SeedDevices.M4_PRO_64GB, 1);
        Signed memory s = attest(ALICE, d);
        IHardwareAttestations.Attested memory got = _verify(s);
        assertEq(got.uid, attestations.uidOf(s.a));
        assertEq(got.attesterId, 1);
        assertEq(got.expirationTime, START_TIME + Attest.LIFETIME);
        assertEq(got.memoryMiB, 2 * 24576 + 65536);
        assertEq(
            got.packedLines,
            uint256(SeedDevices.RTX_3090) | (2 << 16) | (uint256(SeedDevices.M4_PRO_64GB) << 24) | (1 << 40)
        );
        assertEq(got.lines.length, 2);
        assertEq(got.lines[0].skuId, SeedDevices.RTX_3090);
        assertEq(got.lines[1].count, 1);
        assertEq(keccak256(abi.encode(got.deviceIds)), keccak256(abi.encode(idsOf(s))));
    }

    function test_verify_acceptsTheEasSdkVector() public {
        assertEq(address(eas), VECTOR_EAS, "the fixture deploys EAS where the vector expects it");
        IHardwareAttestations.OffchainAttestation memory a = _vectorAttestation();
        assertEq(attestations.uidOf(a), VECTOR_UID, "uidOf is the EAS SDK's getOffchainUID (Version2)");
        bytes memory sig = abi.encodePacked(VECTOR_R, VECTOR_S, VECTOR_V);
        assertEq(ECDSA.recover(attestations.digestOf(a), sig), attester, "digestOf is the SDK's EIP-712 digest");
        assertEq(keccak256(sign(ATTESTER_PK, a)), keccak256(sig), "vm.sign reproduces the SDK signature");
        IHardwareAttestations.Attested memory got = attestations.verify(a, attester, sig, ALICE, caps);
        assertEq(got.uid, VECTOR_UID);
        assertEq(got.memoryMiB, 24576);
    }

    function test_uidOf_isTheSdkFormulaAndIgnoresTheAttester() public {
        Signed memory s = _one(SeedDevices.RTX_4090, 1);
        IHardwareAttestations.OffchainAttestation memory a = s.a;
        bytes32 expected = keccak256(
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
        assertEq(attestations.uidOf(a), expected);
        // The UID names the content, not the signer.
        assertEq(attestations.uidOf(resign(s, SECOND_ATTESTER_PK).a), expected);
        a.salt = bytes32(uint256(a.salt) ^ 1);
        assertTrue(attestations.uidOf(a) != expected, "the salt is in the UID");
    }

    function test_digestOf_isTheEip712DigestOfTheEasDomain() public {
        Signed memory s = _one(SeedDevices.RTX_4090, 1);
        assertEq(attestations.digestOf(s.a), _digest(s.a, _domain(block.chainid, address(eas))));
        // On a fork (another chain id) the domain follows the chain.
        vmChain.chainId(5);
        assertEq(attestations.digestOf(s.a), _digest(s.a, _domain(5, address(eas))));
    }

    function test_verify_acceptsExpiryAtTheLongestLifetimeAndTimeNow() public {
        Signed memory s = _one(SeedDevices.RTX_4090, 1);
        s.a.expirationTime = uint64(block.timestamp + 400 days);
        s.a.time = uint64(block.timestamp);
        _verify(resign(s, ATTESTER_PK));
        // Signed 399 days ago to live exactly MAX_LIFETIME.
        s.a.expirationTime = uint64(block.timestamp + 1 days);
        s.a.time = uint64(block.timestamp - 399 days);
        _verify(resign(s, ATTESTER_PK));
    }

    function test_verify_acceptsDevicesAtTheCaps() public {
        Signed memory s = _one(SeedDevices.RTX_5090, 16);
        caps = IHardwareAttestations.Caps(16, 16 * 32768);
        assertEq(_verify(s).memoryMiB, 16 * 32768);
        caps = IHardwareAttestations.Caps(15, type(uint256).max);
        _expectVerifyRevert(
            s, abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsTooManyDevices.selector, 16, 15)
        );
        caps = IHardwareAttestations.Caps(16, 16 * 32768 - 1);
        _expectVerifyRevert(
            s,
            abi.encodeWithSelector(
                IHardwareAttestations.HardwareAttestationsMemoryAboveCap.selector, 16 * 32768, 16 * 32768 - 1
            )
        );
    }

    // ------------------------------------------------------------------ verify: the envelope

    function test_verify_revertsWhenWrongVersion() public {
        uint16[3] memory versions = [uint16(0), 1, 3];
        for (uint256 i = 0; i < 3; ++i) {
            Signed memory s = _one(SeedDevices.RTX_4090, 1);
            s.a.version = versions[i];
            _expectVerifyRevert(
                resign(s, ATTESTER_PK),
                abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsWrongVersion.selector, versions[i])
            );
        }
    }

    function test_verify_revertsWhenWrongSchema() public {
        Signed memory s = _one(SeedDevices.RTX_4090, 1);
        // A schema of the same fields but another resolver is another schema.
        bytes32 other = eas.getSchemaRegistry().register(attestations.SCHEMA(), ISchemaResolver(STRANGER), true);
        s.a.schema = other;
        _expectVerifyRevert(
            resign(s, ATTESTER_PK),
            abi.encodeWithSelector(
                IHardwareAttestations.HardwareAttestationsWrongSchema.selector, other, attestations.schemaUID()
            )
        );
    }

    function test_verify_revertsWhenWrongRecipient() public {
        Signed memory s = attest(BOB, oneLine(SeedDevices.RTX_4090, 1));
        _expectVerifyRevert(
            s, abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsWrongRecipient.selector, BOB, ALICE)
        );
    }

    function test_verify_revertsWhenExpiredOrTooLongOrWithoutExpiry() public {
        bytes4 sel = IHardwareAttestations.HardwareAttestationsBadExpiry.selector;
        uint256 t = block.timestamp;
        uint64[4] memory expiries = [uint64(t), uint64(t - 1), 0, uint64(t + 400 days + 1)];
        for (uint256 i = 0; i < 4; ++i) {
            Signed memory s = _one(SeedDevices.RTX_4090, 1);
            s.a.expirationTime = expiries[i];
            _expectVerifyRevert(resign(s, ATTESTER_PK), abi.encodeWithSelector(sel, expiries[i], t));
        }
        // An attestation that expired since it was signed.
        Signed memory old = _one(SeedDevices.RTX_4090, 1);
        vm.warp(old.a.expirationTime);
        _expectVerifyRevert(old, abi.encodeWithSelector(sel, old.a.expirationTime, old.a.expirationTime));
    }

    function test_verify_revertsWhenLivingLongerThanTheLongestLifetime() public {
        // Signed 100 days ago to live 450 days: within 400 days of now, but longer than MAX_LIFETIME from its
        // own time. Accepting it would let an attestation older than the re-attestation period stand.
        vm.warp(block.timestamp + 100 days);
        Signed memory s = _one(SeedDevices.RTX_4090, 1);
        s.a.time = uint64(block.timestamp - 100 days);
        s.a.expirationTime = uint64(block.timestamp + 350 days);
        _expectVerifyRevert(
            resign(s, ATTESTER_PK),
            abi.encodeWithSelector(
                IHardwareAttestations.HardwareAttestationsBadExpiry.selector, s.a.expirationTime, block.timestamp
            )
        );
        // Exactly MAX_LIFETIME from its time is fine, and so is the registration that uses it.
        s.a.expirationTime = uint64(block.timestamp + 300 days);
        s = resign(s, ATTESTER_PK);
        _verify(s);
        assertEq(nodeView(submit(ALICE, s)).attestationExpiry, s.a.expirationTime);
    }

    function test_verify_revertsWhenDatedInTheFuture() public {
        Signed memory s = _one(SeedDevices.RTX_4090, 1);
        s.a.time = uint64(block.timestamp + 1);
        _expectVerifyRevert(
            resign(s, ATTESTER_PK),
            abi.encodeWithSelector(
                IHardwareAttestations.HardwareAttestationsFutureTime.selector, block.timestamp + 1, block.timestamp
            )
        );
    }

    function test_verify_revertsWhenNotRevocableOrRefersToAnother() public {
        bytes memory err = abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsNotRevocable.selector);
        Signed memory s = _one(SeedDevices.RTX_4090, 1);
        s.a.revocable = false;
        _expectVerifyRevert(resign(s, ATTESTER_PK), err);
        s = _one(SeedDevices.RTX_4090, 1);
        s.a.refUID = keccak256("another attestation");
        _expectVerifyRevert(resign(s, ATTESTER_PK), err);
    }

    function test_verify_revertsWhenUnknownOrRemovedAttester() public {
        Signed memory s = resign(_one(SeedDevices.RTX_4090, 1), 0xBAD);
        _expectVerifyRevert(
            s, abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsNotAttester.selector, vm.addr(0xBAD))
        );
        Signed memory good = _one(SeedDevices.RTX_4090, 1);
        attestations.removeAttester(attester);
        _expectVerifyRevert(
            good, abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsNotAttester.selector, attester)
        );
    }

    function test_verify_revertsWhenSignedByAnotherKey() public {
        Signed memory s = _one(SeedDevices.RTX_4090, 1);
        // Signed by the second attester but naming the first.
        s.signature = sign(SECOND_ATTESTER_PK, s.a);
        _expectVerifyRevert(
            s, abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsBadSignature.selector, attester)
        );
    }

    function test_verify_revertsWhenSignedForAnotherChainOrContract() public {
        bytes memory err = abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsBadSignature.selector, attester);
        Signed memory s = _one(SeedDevices.RTX_4090, 1);
        s.signature = _signDigest(ATTESTER_PK, _digest(s.a, _domain(1, address(eas))));
        _expectVerifyRevert(s, err);
        s.signature = _signDigest(ATTESTER_PK, _digest(s.a, _domain(block.chainid, STRANGER)));
        _expectVerifyRevert(s, err);
        // A signature for this chain stops verifying on a fork with another chain id...
        Signed memory here = _one(SeedDevices.RTX_4090, 1);
        vmChain.chainId(10);
        _expectVerifyRevert(here, err);
        // ...and one for that chain verifies there.
        here.signature = _signDigest(ATTESTER_PK, _digest(here.a, _domain(10, address(eas))));
        _verify(here);
    }

    function test_verify_revertsWhenSignatureMalformedOrMalleable() public {
        bytes memory err = abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsBadSignature.selector, attester);
        Signed memory s = _one(SeedDevices.RTX_4090, 1);
        (uint8 v, bytes32 r, bytes32 sv) = vm.sign(ATTESTER_PK, attestations.digestOf(s.a));
        bytes memory good = s.signature;
        s.signature = "";
        _expectVerifyRevert(s, err);
        s.signature = abi.encodePacked(r, sv);
        _expectVerifyRevert(s, err);
        // The same point with the high s and flipped v recovers the same key, and is refused.
        s.signature = abi.encodePacked(r, bytes32(SECP256K1_N - uint256(sv)), v == 27 ? uint8(28) : uint8(27));
        _expectVerifyRevert(s, err);
        // Any change to the signed content breaks the signature.
        s.signature = good;
        s.a.salt = keccak256("another salt");
        _expectVerifyRevert(s, err);
    }

    function test_verify_revertsWhenRevokedThroughEas() public {
        Signed memory s = _one(SeedDevices.RTX_4090, 1);
        bytes32 uid = attestations.uidOf(s.a);
        vm.prank(attester);
        eas.revokeOffchain(uid);
        _expectVerifyRevert(s, abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsRevoked.selector, uid));
        // Another revoker's entry for the same UID is not a revocation by this attester.
        Signed memory t = resign(_one(SeedDevices.RTX_4090, 1), SECOND_ATTESTER_PK);
        bytes32 tuid = attestations.uidOf(t.a);
        vm.prank(attester);
        eas.revokeOffchain(tuid);
        assertEq(_verify(t).attesterId, 2);
    }

    // ------------------------------------------------------------------ verify: the devices

    function test_verify_revertsWhenDataMalformed() public {
        bytes memory err = abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsMalformedDevices.selector);
        _expectVerifyRevert(_withData(""), err);
        _expectVerifyRevert(_withData(hex"deadbeef"), err);
        _expectVerifyRevert(_withData(abi.encode(uint256(1), uint256(2))), err);
        // Lines and counts of different lengths.
        uint8[] memory twoCounts = new uint8[](2);
        (twoCounts[0], twoCounts[1]) = (1, 1);
        _expectVerifyRevert(_lines(_u16(SeedDevices.RTX_4090), twoCounts, freshDeviceIds(2)), err);
        // More or fewer device ids than devices.
        _expectVerifyRevert(_lines(_u16(SeedDevices.RTX_4090), _u8(2), freshDeviceIds(1)), err);
        _expectVerifyRevert(_lines(_u16(SeedDevices.RTX_4090), _u8(1), freshDeviceIds(2)), err);
    }

    function test_verify_revertsWhenDeviceIdZeroDuplicateOrNotAscending() public {
        bytes4 sel = IHardwareAttestations.HardwareAttestationsBadDeviceId.selector;
        bytes32[] memory ids = freshDeviceIds(2);
        uint16[] memory sku = _u16(SeedDevices.RTX_4090);
        _expectVerifyRevert(_lines(sku, _u8(2), _b32(bytes32(0), ids[0])), abi.encodeWithSelector(sel, bytes32(0)));
        _expectVerifyRevert(_lines(sku, _u8(2), _b32(ids[0], ids[0])), abi.encodeWithSelector(sel, ids[0]));
        _expectVerifyRevert(_lines(sku, _u8(2), _b32(ids[1], ids[0])), abi.encodeWithSelector(sel, ids[0]));
        assertEq(_verify(_lines(sku, _u8(2), ids)).deviceIds.length, 2);
    }

    function test_verify_revertsWhenNoDevices() public {
        _expectVerifyRevert(
            _lines(new uint16[](0), new uint8[](0), new bytes32[](0)),
            abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsNoDevices.selector)
        );
    }

    function test_verify_revertsWhenTooManyDeviceLines() public {
        uint16[] memory skus = new uint16[](7);
        uint8[] memory counts = new uint8[](7);
        for (uint256 i = 0; i < 7; ++i) (skus[i], counts[i]) = (uint16(i + 1), 1);
        _expectVerifyRevert(
            _lines(skus, counts, freshDeviceIds(7)),
            abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsTooManyDeviceLines.selector, 7, 6)
        );
    }

    function test_verify_revertsWhenZeroCountDuplicateSkuOrCatalogRefuses() public {
        uint16[] memory two = new uint16[](2);
        uint8[] memory counts = new uint8[](2);
        (two[0], two[1], counts[0], counts[1]) = (SeedDevices.RTX_4090, SeedDevices.RTX_5090, 1, 0);
        _expectVerifyRevert(
            _lines(two, counts, freshDeviceIds(1)),
            abi.encodeWithSelector(
                IHardwareAttestations.HardwareAttestationsZeroDeviceCount.selector, SeedDevices.RTX_5090
            )
        );
        (two[1], counts[1]) = (SeedDevices.RTX_4090, 1);
        _expectVerifyRevert(
            _lines(two, counts, freshDeviceIds(2)),
            abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsDuplicateSku.selector, SeedDevices.RTX_4090)
        );
        _expectVerifyRevert(
            _lines(_u16(10), _u8(1), freshDeviceIds(1)),
            abi.encodeWithSelector(IHardwareCatalog.HardwareCatalogUnknownSku.selector, 10)
        );
        _expectVerifyRevert(
            _lines(_u16(0), _u8(1), freshDeviceIds(1)),
            abi.encodeWithSelector(IHardwareCatalog.HardwareCatalogUnknownSku.selector, 0)
        );
        catalog.deprecateSku(SeedDevices.RTX_3090);
        _expectVerifyRevert(
            _lines(_u16(SeedDevices.RTX_3090), _u8(1), freshDeviceIds(1)),
            abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsSkuDeprecated.selector, SeedDevices.RTX_3090)
        );
    }

    function test_decodeDeviceData_decodesOrReverts() public {
        bytes32[] memory ids = freshDeviceIds(1);
        (uint16[] memory s, uint8[] memory c, bytes32[] memory d) =
            attestations.decodeDeviceData(abi.encode(_u16(3), _u8(1), ids, keccak256("evidence")));
        assertEq(s[0], 3);
        assertEq(c[0], 1);
        assertEq(d[0], ids[0]);
        vm.expectRevert();
        attestations.decodeDeviceData(hex"00");
    }

    // ------------------------------------------------------------------ ERC-1271 attesters

    function test_verify_acceptsAnErc1271Attester() public {
        uint256 keyPk = 0x5AFE;
        ContractAttester multisig = new ContractAttester(vm.addr(keyPk), eas);
        uint16 id = attestations.addAttester(address(multisig));
        Signed memory s = attestBy(keyPk, ALICE, oneLine(SeedDevices.RTX_4090, 1), freshDeviceIds(1));
        s.attester = address(multisig);
        assertEq(_verify(s).attesterId, id);

        // Registered through the registry, then revoked by the contract itself through EAS.
        uint256 nodeId = submit(ALICE, s);
        registry.activate(nodeId);
        multisig.revoke(attestations.uidOf(s.a));
        _expectVerifyRevert(
            s, abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsRevoked.selector, attestations.uidOf(s.a))
        );
        vm.prank(KEEPER);
        registry.lapse(nodeId);
        assertStatus(nodeId, IComputeRegistry.NodeStatus.Lapsed);
    }

    function test_verify_revertsWhenErc1271AttesterRefuses() public {
        ContractAttester multisig = new ContractAttester(vm.addr(0x5AFE), eas);
        attestations.addAttester(address(multisig));
        Signed memory s = attestBy(0xBAD, ALICE, oneLine(SeedDevices.RTX_4090, 1), freshDeviceIds(1));
        s.attester = address(multisig);
        _expectVerifyRevert(
            s,
            abi.encodeWithSelector(IHardwareAttestations.HardwareAttestationsBadSignature.selector, address(multisig))
        );
    }

    // ------------------------------------------------------------------ lapseOf

    function test_lapseOf_eachReason() public {
        Signed memory s = _one(SeedDevices.RTX_4090, 1);
        bytes32 uid = attestations.uidOf(s.a);
        uint64 expiry = s.a.expirationTime;
        assertEq(uint8(attestations.lapseOf(1, uid, expiry)), uint8(IHardwareAttestations.Lapse.None));
        assertEq(uint8(attestations.lapseOf(1, uid, uint64(block.timestamp))), uint8(IHardwareAttestations.Lapse.Expired));
        assertEq(uint8(attestations.lapseOf(1, uid, 0)), uint8(IHardwareAttestations.Lapse.Expired));
        assertEq(uint8(attestations.lapseOf(0, uid, expiry)), uint8(IHardwareAttestations.Lapse.AttesterRemoved));
        assertEq(uint8(attestations.lapseOf(9, uid, expiry)), uint8(IHardwareAttestations.Lapse.AttesterRemoved));
        vm.prank(attester);
        eas.revokeOffchain(uid);
        assertEq(uint8(attestations.lapseOf(1, uid, expiry)), uint8(IHardwareAttestations.Lapse.Revoked));
        assertEq(uint8(attestations.lapseOf(2, uid, expiry)), uint8(IHardwareAttestations.Lapse.None));
        attestations.removeAttester(attester);
        assertEq(uint8(attestations.lapseOf(1, uid, expiry)), uint8(IHardwareAttestations.Lapse.AttesterRemoved));
        vm.warp(expiry);
        assertEq(uint8(attestations.lapseOf(1, uid, expiry)), uint8(IHardwareAttestations.Lapse.Expired));
    }
}
