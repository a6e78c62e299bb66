// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {ThresholdBallots} from "../../contracts/ballots/ThresholdBallots.sol";
import {ModelClassifier} from "../../contracts/classification/ModelClassifier.sol";
import {ComputeGovernor} from "../../contracts/governance/ComputeGovernor.sol";
import {NodeVeto} from "../../contracts/governance/NodeVeto.sol";
import {IComputeGovernor} from "../../contracts/interfaces/IComputeGovernor.sol";
import {IComputeRegistry} from "../../contracts/interfaces/IComputeRegistry.sol";
import {IHardwareCatalog} from "../../contracts/interfaces/IHardwareCatalog.sol";
import {IModelClassifier} from "../../contracts/interfaces/IModelClassifier.sol";
import {Deployers} from "./Deployers.sol";
import {SeedDevices} from "./SeedDevices.sol";

/// @title GovernanceDeployers
/// @notice Fixture: the whole system wired exactly as ignition/modules/ComputeCommons.ts wires it, on top of
/// {Deployers}. The test contract is the deployer: it creates the timelock with itself as admin, grants the
/// governor PROPOSER, CANCELLER and EXECUTOR and the veto CANCELLER, binds the governor in the registry, and
/// renounces its admin role. `deployGovernanceFixture()` uses the short timings of
/// ignition/parameters/local.json (with a longer change interval, so the rate-limit tests have room);
/// `deployGovernanceFixture(publicProfile())` the module's public-network defaults.
/// Nodes registered with `registerNode` are Pending until `activatePending()` warps past their warm-up.
abstract contract GovernanceDeployers is Deployers {
    /// @notice Timings, thresholds and floors of one deployment profile.
    struct Profile {
        uint48 votingDelay;
        uint32 votingPeriod;
        uint48 voteExtension;
        uint256 proposalThreshold;
        uint256 quorumNumerator;
        uint256 timelockDelay;
        uint32 unbondingPeriod;
        uint32 minUnbondingPeriod;
        uint48 minChangeInterval;
        uint48 raiseInterval;
        uint32 challengeWindow;
        uint32 minChallengeWindow;
        uint32 floorWindow;
        uint32 ballotEpoch;
        uint16 ballotLifetime;
        IComputeGovernor.Floors floors;
    }

    // ------------------------------------------------------------ the local profile (module + local.json)
    uint48 internal constant VOTING_DELAY = 60;
    uint32 internal constant VOTING_PERIOD = 300;
    uint48 internal constant VOTE_EXTENSION = 60;
    uint256 internal constant PROPOSAL_THRESHOLD = 1;
    uint256 internal constant QUORUM_NUMERATOR = 4;
    uint256 internal constant TIMELOCK_DELAY = 60;

    uint16 internal constant MAX_DEVICES_PER_NODE = 8;
    uint32 internal constant LOCAL_UNBONDING_PERIOD = 600;
    uint32 internal constant LOCAL_MIN_UNBONDING_PERIOD = 420;
    uint32 internal constant LOCAL_CHALLENGE_WINDOW = 60;
    uint32 internal constant LOCAL_FLOOR_WINDOW = 160;
    uint32 internal constant LOCAL_BALLOT_EPOCH = 60;
    uint16 internal constant LOCAL_BALLOT_LIFETIME = 60;

    uint64 internal constant MAX_SMALL_PARAMS = 70_000_000_000;
    uint128 internal constant MAX_SMALL_FLOP = 1e25;
    uint8 internal constant QUANT_BITS = 4;
    uint16 internal constant OVERHEAD_BPS = 1000;
    uint48 internal constant MIN_CHANGE_INTERVAL = 1200; // local.json has 300; the rate-limit tests need room
    uint48 internal constant RAISE_INTERVAL = 60;

    uint256 internal constant DEPLOY_TIME = 1_700_000_000;

    /// @notice Parameters a 24 GiB card runs under the guards (4-bit, 10% overhead).
    uint256 internal constant PARAMS_24GIB = 46_385_646_796;
    /// @notice Parameters a 48 GiB rig runs under the guards.
    uint256 internal constant PARAMS_48GIB = 92_771_293_593;
    /// @notice Parameters an M2 Ultra 192 GB runs under the guards.
    uint256 internal constant PARAMS_M2_ULTRA = 371_085_174_374;

    bytes32 internal constant DEFAULT_ADMIN_ROLE = 0x00;
    bytes32 internal constant PROPOSER_ROLE = keccak256("PROPOSER_ROLE");
    bytes32 internal constant EXECUTOR_ROLE = keccak256("EXECUTOR_ROLE");
    bytes32 internal constant CANCELLER_ROLE = keccak256("CANCELLER_ROLE");

    TimelockController internal timelock;
    ModelClassifier internal classifier;
    ComputeGovernor internal governor;
    NodeVeto internal veto;
    uint256[] internal pendingNodes;
    /// @notice The profile the fixture was deployed with.
    Profile internal profile;

    /// @notice A proposal as the governor hashes it.
    struct Proposal {
        address[] targets;
        uint256[] values;
        bytes[] calldatas;
        string description;
    }

    function localProfile() internal pure returns (Profile memory) {
        return Profile({
            votingDelay: VOTING_DELAY,
            votingPeriod: VOTING_PERIOD,
            voteExtension: VOTE_EXTENSION,
            proposalThreshold: PROPOSAL_THRESHOLD,
            quorumNumerator: QUORUM_NUMERATOR,
            timelockDelay: TIMELOCK_DELAY,
            unbondingPeriod: LOCAL_UNBONDING_PERIOD,
            minUnbondingPeriod: LOCAL_MIN_UNBONDING_PERIOD,
            minChangeInterval: MIN_CHANGE_INTERVAL,
            raiseInterval: RAISE_INTERVAL,
            challengeWindow: LOCAL_CHALLENGE_WINDOW,
            minChallengeWindow: 1,
            floorWindow: LOCAL_FLOOR_WINDOW,
            ballotEpoch: LOCAL_BALLOT_EPOCH,
            ballotLifetime: LOCAL_BALLOT_LIFETIME,
            floors: IComputeGovernor.Floors({
                minVotingDelay: 1,
                minVotingPeriod: 1,
                minVoteExtension: 1,
                minTimelockDelay: 1,
                minQuorumVotes: 1
            })
        });
    }

    /// @notice The Ignition module's defaults for public networks.
    function publicProfile() internal pure returns (Profile memory) {
        return Profile({
            votingDelay: 1 days,
            votingPeriod: 7 days,
            voteExtension: 1 days,
            proposalThreshold: 1,
            quorumNumerator: 4,
            timelockDelay: 2 days,
            unbondingPeriod: 21 days,
            minUnbondingPeriod: 14 days,
            minChangeInterval: 30 days,
            raiseInterval: 7 days,
            challengeWindow: 3 days,
            minChallengeWindow: 1 days,
            floorWindow: 30 days,
            ballotEpoch: 7 days,
            ballotLifetime: 13,
            floors: IComputeGovernor.Floors({
                minVotingDelay: 1 hours,
                minVotingPeriod: 1 days,
                minVoteExtension: 1 hours,
                minTimelockDelay: 1 days,
                minQuorumVotes: 10
            })
        });
    }

    function deployGovernanceFixture() internal {
        deployGovernanceFixture(localProfile());
    }

    function deployGovernanceFixture(Profile memory p) internal {
        profile = p;
        vm.warp(DEPLOY_TIME);
        timelock = new TimelockController(p.timelockDelay, new address[](0), new address[](0), address(this));
        // Before the registry: it tells the ballots of every node whose vote ends.
        ballots = new ThresholdBallots(address(timelock), p.ballotEpoch, p.ballotLifetime);
        deployRegistry(
            address(timelock),
            IComputeRegistry.Params({
                bondBase: BOND_BASE,
                bondPerGiB: BOND_PER_GIB,
                maxDevicesPerNode: MAX_DEVICES_PER_NODE,
                maxNodeMemoryMiB: MAX_NODE_MEMORY_MIB,
                keeperFee: KEEPER_FEE,
                unbondingPeriod: p.unbondingPeriod
            }),
            IComputeRegistry.Config({
                minUnbondingPeriod: p.minUnbondingPeriod,
                minWarmup: 0,
                floorPercentile: FLOOR_PERCENTILE,
                floorWindow: p.floorWindow
            }),
            CHALLENGE_DEPOSIT,
            p.challengeWindow,
            p.minChallengeWindow
        );
        classifier = new ModelClassifier(
            address(timelock),
            IComputeRegistry(address(registry)),
            IModelClassifier.Thresholds(MAX_SMALL_PARAMS, MAX_SMALL_FLOP),
            IModelClassifier.Guards(QUANT_BITS, OVERHEAD_BPS, p.minChangeInterval, p.raiseInterval),
            address(ballots)
        );
        ballots.bind(address(registry), address(classifier));
        governor = new ComputeGovernor(
            IComputeRegistry(address(registry)),
            timelock,
            IModelClassifier(address(classifier)),
            IComputeGovernor.Settings({
                votingDelay: p.votingDelay,
                votingPeriod: p.votingPeriod,
                proposalThreshold: p.proposalThreshold,
                quorumNumerator: p.quorumNumerator,
                voteExtension: p.voteExtension
            }),
            p.floors
        );
        veto = new NodeVeto(governor);
        timelock.grantRole(PROPOSER_ROLE, address(governor));
        timelock.grantRole(CANCELLER_ROLE, address(governor));
        timelock.grantRole(EXECUTOR_ROLE, address(governor));
        timelock.grantRole(CANCELLER_ROLE, address(veto));
        registry.bindGovernor(address(governor));
        timelock.renounceRole(DEFAULT_ADMIN_ROLE, address(this));

        vm.label(address(timelock), "TimelockController");
        vm.label(address(classifier), "ModelClassifier");
        vm.label(address(ballots), "ThresholdBallots");
        vm.label(address(governor), "ComputeGovernor");
        vm.label(address(veto), "NodeVeto");
    }

    // ------------------------------------------------------------ nodes

    /// @notice Registers a node of `count` x `skuId` as `owner` (attested, bonded); it is Pending until
    /// `activatePending()`.
    function registerNode(address owner, uint16 skuId, uint8 count) internal returns (uint256 nodeId) {
        nodeId = registerPending(owner, oneLine(skuId, count));
        pendingNodes.push(nodeId);
    }

    /// @notice Registers `n` single-device nodes of `skuId`, one per fresh owner derived from `salt` (Pending).
    function registerMany(uint256 n, uint16 skuId, uint256 salt) internal override {
        for (uint256 i = 0; i < n; ++i) {
            registerNode(actor(salt, i), skuId, 1);
        }
    }

    /// @notice Warps to the end of the warm-up of every node registered since the last call, and activates them.
    function activatePending() internal {
        uint256 latest = vm.getBlockTimestamp();
        for (uint256 i = 0; i < pendingNodes.length; ++i) {
            uint256 at = readyAtOf(pendingNodes[i]);
            if (at > latest) latest = at;
        }
        vm.warp(latest);
        for (uint256 i = 0; i < pendingNodes.length; ++i) {
            registry.activate(pendingNodes[i]);
        }
        delete pendingNodes;
        warpBy(1);
    }

    // ------------------------------------------------------------ proposals

    function single(address target, bytes memory data, string memory description)
        internal
        pure
        returns (Proposal memory p)
    {
        p.targets = new address[](1);
        p.targets[0] = target;
        p.values = new uint256[](1);
        p.calldatas = new bytes[](1);
        p.calldatas[0] = data;
        p.description = description;
    }

    function setThresholdsProposal(uint64 params, uint128 flop, string memory description)
        internal
        view
        returns (Proposal memory)
    {
        return single(address(classifier), abi.encodeCall(classifier.setThresholds, (params, flop)), description);
    }

    /// @notice The (sequential) id of a proposal already made.
    function idOf(Proposal memory p) internal view returns (uint256) {
        return governor.getProposalId(p.targets, p.values, p.calldatas, keccak256(bytes(p.description)));
    }

    function propose(address proposer, Proposal memory p) internal returns (uint256) {
        vm.prank(proposer);
        return governor.propose(p.targets, p.values, p.calldatas, p.description);
    }

    function vote(address voter, uint256 proposalId, uint8 support) internal returns (uint256) {
        vm.prank(voter);
        return governor.castVote(proposalId, support);
    }

    function queue(Proposal memory p) internal returns (uint256) {
        return governor.queue(p.targets, p.values, p.calldatas, keccak256(bytes(p.description)));
    }

    function execute(Proposal memory p) internal returns (uint256) {
        return governor.execute(p.targets, p.values, p.calldatas, keccak256(bytes(p.description)));
    }

    /// @notice Moves a Pending proposal into its voting window.
    function warpToVoting(uint256 proposalId) internal {
        vm.warp(governor.proposalSnapshot(proposalId) + 1);
    }

    /// @notice Moves past a proposal's (possibly extended) deadline.
    function warpPastDeadline(uint256 proposalId) internal {
        vm.warp(governor.proposalDeadline(proposalId) + 1);
    }

    /// @notice Propose as `proposer`, all `voters` vote For, queue, wait out the timelock, execute.
    function passAndExecute(address proposer, address[] memory voters, Proposal memory p) internal returns (uint256 id) {
        id = propose(proposer, p);
        warpToVoting(id);
        for (uint256 i = 0; i < voters.length; ++i) {
            vote(voters[i], id, 1);
        }
        warpPastDeadline(id);
        queue(p);
        warpBy(timelock.getMinDelay());
        execute(p);
    }

    /// @notice One-bit bitmap of a proposal state, as Governor's errors report it.
    function stateBit(IGovernor.ProposalState s) internal pure returns (bytes32) {
        return bytes32(1 << uint8(s));
    }
}
