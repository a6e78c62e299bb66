// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IComputeGovernor} from "../../contracts/interfaces/IComputeGovernor.sol";
import {CommonsLens} from "../../contracts/lens/CommonsLens.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";
import {AttackBase} from "./AttackBase.sol";

/// @notice THREATS.md §0, "spam the lens". Against v1, 20 proposals with 3 KB of junk calldata pushed
/// `CommonsLens.governanceState` to 54.6M gas, over the 50M `eth_call` cap of public RPCs: the dashboard and
/// the SDK went blind for ~0.44 ETH of gas. Here the lens returns each action's target, selector and length
/// (calldata is one `proposalDetails(id)` away), and each proposer has at most three open proposals.
contract SpamTheLensAttack is AttackBase {
    uint256 internal constant PROPOSALS = 50;
    uint256 internal constant JUNK_BYTES = 3072;

    CommonsLens internal lens;

    function setUp() public {
        deployGovernanceFixture();
        lens = new CommonsLens(catalog, registry, classifier, governor, veto);
        raiseArmy(16); // 17 proposers: three open proposals each covers 50
        activatePending();
    }

    /// @dev A proposal of MAX_ACTIONS allowed calls, each carrying `junk` bytes after its arguments (ABI
    /// decoding ignores them, so the fence and the setter accept the call).
    function spam(uint256 n, uint256 junk) internal pure returns (Proposal memory p) {
        p.targets = new address[](10);
        p.values = new uint256[](10);
        p.calldatas = new bytes[](10);
        for (uint256 i = 0; i < 10; ++i) {
            p.targets[i] = address(0); // set by the caller
            p.calldatas[i] = bytes.concat(
                abi.encodeWithSignature("setThresholds(uint64,uint128)", uint64(70e9 + n * 10 + i), uint128(1e25)),
                new bytes(junk / 10)
            );
        }
        p.description = string.concat("spam ", vm.toString(n));
    }

    /// @dev Runs in its own call frame, so the test's memory (and so the cost of what the lens returns into
    /// it) is the same whatever junk the proposals carried.
    function fillFrame(uint256 junk) external {
        fill(junk);
    }

    function fill(uint256 junk) internal {
        for (uint256 i = 0; i < PROPOSALS; ++i) {
            Proposal memory p = spam(i, junk);
            for (uint256 a = 0; a < 10; ++a) {
                p.targets[a] = address(classifier);
            }
            propose(army[i / 3], p);
        }
    }

    function lensGas() internal returns (uint256 used) {
        // Every read cold, as in a fresh eth_call.
        address[6] memory touched =
            [address(lens), address(governor), address(registry), address(timelock), address(classifier), address(catalog)];
        for (uint256 i = 0; i < touched.length; ++i) {
            vm.cool(touched[i]);
        }
        uint256 start = gasleft();
        CommonsLens.GovernanceState memory s = lens.governanceState(PROPOSALS);
        used = start - gasleft();
        require(s.latestProposals.length == PROPOSALS, "all proposals read");
    }

    function test_spamTheLens_fiftyMaximumProposalsStayUnderTenMillionGas() public {
        fill(JUNK_BYTES);
        uint256 used = lensGas();
        emit log_named_uint("governanceState(50) gas, 50 proposals x 10 actions x 3 KB junk", used);
        assertLt(used, 10_000_000, "governanceState over 10M gas");
        // The calldata is still there, one call away, and matches the hash the lens returned.
        CommonsLens.ProposalView memory v = lens.proposal(7);
        (address[] memory t, uint256[] memory values, bytes[] memory c, bytes32 d) = governor.proposalDetails(7);
        assertEq(c[0].length, 68 + JUNK_BYTES / 10);
        assertEq(v.actions[0].calldataLength, 68 + JUNK_BYTES / 10);
        assertEq(v.proposalHash, governor.hashProposal(t, values, c, d));
    }

    function test_spamTheLens_junkCostsTheReaderNothing() public {
        uint256 snapshot = vm.snapshotState();
        this.fillFrame(JUNK_BYTES);
        uint256 junk = lensGas();
        vm.revertToState(snapshot);
        this.fillFrame(0);
        uint256 plain = lensGas();
        emit log_named_uint("governanceState(50) gas, no junk", plain);
        emit log_named_uint("governanceState(50) gas, 3 KB junk each", junk);
        // Junk is measured first, the dearer position (the second fill leaves some slots warm, ~2.1K gas a
        // proposal); v1 copied every calldata byte and paid ~4.8M more here.
        assertLe(junk, plain, "junk calldata made the read dearer");
    }

    function test_spamTheLens_aFourthOpenProposalIsRefused() public {
        fill(0);
        Proposal memory p = spam(999, 0);
        for (uint256 a = 0; a < 10; ++a) {
            p.targets[a] = address(classifier);
        }
        vm.prank(army[0]);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeGovernor.ComputeGovernorTooManyOpenProposals.selector, army[0], 3)
        );
        governor.propose(p.targets, p.values, p.calldatas, p.description);
        assertEq(governor.proposalCount(), PROPOSALS);
    }
}
