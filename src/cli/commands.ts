/**
 * The `commons` commands: each parses its arguments, calls the SDK, and prints a table (or `--json`).
 * No contract logic lives here; validation beyond argument shape is the SDK's.
 */
import { isHex, type Hex, type TransactionReceipt } from "viem";
import type { WriteOptions } from "../clients/context.js";
import { flag, parseCount, positionals, requireFlag, UsageError, type FlagSpec, type ParsedArgs } from "./args.js";
import { connect, rpcChainId, rpcUrlOf, type Session } from "./context.js";
import { deploy } from "./deploy.js";
import {
  countWithHuman,
  describeActions,
  flopWithHuman,
  keyValues,
  renderGovernanceState,
  renderModel,
  renderModels,
  renderNode,
  renderNodes,
  renderProposals,
  renderSkus,
  type ClassifiedModel,
} from "./format.js";
import { progress, toJson } from "./io.js";

export type Command = {
  name: string;
  summary: string;
  usage: string;
  examples: string[];
  flags?: FlagSpec[];
  /** Signs a transaction: takes --account / --keystore (or COMMONS_PRIVATE_KEY). */
  write?: boolean;
  run(args: ParsedArgs): Promise<void>;
};

const v = (name: string, description: string, placeholder?: string, repeatable = false): FlagSpec => ({
  name,
  kind: "value",
  description,
  ...(placeholder ? { placeholder } : {}),
  repeatable,
});
const b = (name: string, description: string): FlagSpec => ({ name, kind: "boolean", description });

export const GLOBAL_FLAGS: FlagSpec[] = [
  v("rpc-url", "JSON-RPC endpoint (default $COMMONS_RPC_URL or http://127.0.0.1:8545)", "<url>"),
  v("deployment", "Ignition deployment folder (default ignition/deployments/chain-<id> here)", "<dir>"),
  v("chain-id", "refuse to act unless the RPC and deployment are on this chain", "<id>"),
  b("json", "machine-readable output on stdout (bigints as decimal strings)"),
  b("debug", "print the full error with its causes"),
  b("help", "show help"),
];
export const KEY_FLAGS: FlagSpec[] = [
  v("account", "local dev account by index (chains 31337 and 1337 only)", "<index>"),
  v("keystore", "encrypted JSON keystore; password from $COMMONS_KEYSTORE_PASSWORD", "<file>"),
];
const UNITS = b("units", "accept 70B / 8.03B (params) and 1.2e24 (FLOP) instead of raw digits");

/** Prints `human` for people, or `data` as JSON with --json. */
function out(args: ParsedArgs, human: () => string, data: unknown): void {
  process.stdout.write(`${args.booleans.has("json") ? toJson(data) : human()}\n`);
}

/** Runs a write with a progress line showing the transaction hash until the receipt is in. */
type Sent = { hash: Hex; receipt: TransactionReceipt };

async function send<R extends Sent>(label: string, fn: (options: WriteOptions) => Promise<R>): Promise<R> {
  const line = progress(label);
  try {
    const result = await fn({ onTransactionHash: (hash) => line.sent(hash) });
    line.done(`${label}: mined in block ${result.receipt.blockNumber} (tx ${result.hash})`);
    return result;
  } catch (err) {
    line.fail();
    throw err;
  }
}

const txJson = (r: Sent) => ({ transactionHash: r.hash, blockNumber: r.receipt.blockNumber, gasUsed: r.receipt.gasUsed });

function parseDevices(args: ParsedArgs, command: string) {
  const specs = args.values.device ?? [];
  if (specs.length === 0) throw new UsageError("list the node's devices with --device <sku>[:<count>]", command);
  return specs.map((spec) => {
    const m = /^([^:]+)(?::(.+))?$/.exec(spec);
    return { skuId: parseCount(m?.[1] ?? spec, "device SKU", false), count: parseCount(m?.[2] ?? "1", "device count", false) };
  });
}

async function classified(s: Session, models: Awaited<ReturnType<Session["commons"]["classifier"]["listModels"]>>): Promise<ClassifiedModel[]> {
  const tiers = await Promise.all(models.map((m) => s.commons.classifier.classifyModel({ modelId: m.id })));
  return models.map((m, i) => ({ ...m, tier: tiers[i]! }));
}

const DEVICE = v("device", "a device line: catalog SKU id and count (repeat per SKU)", "<sku>[:<count>]", true);
const URI = v("uri", "metadata URI (e.g. ipfs://…)", "<uri>");

export const COMMANDS: Command[] = [
  {
    name: "deploy",
    summary: "deploy the whole system with the Ignition module",
    usage: "commons deploy [--parameters <file>] [--deployment-id <id>] [--build-profile <p>] [--reset] [--yes]",
    examples: [
      "commons deploy --rpc-url http://127.0.0.1:8545 --account 0",
      "COMMONS_KEYSTORE_PASSWORD=… commons deploy --rpc-url $SEPOLIA_RPC_URL --keystore deployer.json --yes",
    ],
    flags: [
      v("parameters", "Ignition parameters (default ignition/parameters/local.json on 31337/1337, module defaults elsewhere)", "<file>"),
      v("deployment-id", "Ignition deployment id (default chain-<id>, where the CLI looks)", "<id>"),
      v("build-profile", "Hardhat build profile (default: default, the build the tests use; production compiles each file in isolation)", "<profile>"),
      b("reset", "wipe an earlier deployment with the same id first"),
      b("yes", "confirm a deployment to a non-local chain"),
    ],
    write: true,
    async run(args) {
      const url = rpcUrlOf(args);
      const chainId = await rpcChainId(url);
      const line = progress(`deploying to chain ${chainId}`);
      let result;
      try {
        result = await deploy(args, url, chainId, line);
      } catch (err) {
        line.fail();
        throw err;
      }
      line.done(`deployed to chain ${chainId}: ${result.directory}`);
      out(
        args,
        () => keyValues(Object.entries(result.deployment).map(([k, val]) => [k, String(val)] as const)),
        { ...result.deployment, deploymentId: result.deploymentId, directory: result.directory },
      );
    },
  },
  {
    name: "status",
    summary: "the governance state report: thresholds, guards, floor, registry, proposals",
    usage: "commons status [--proposals <n>]",
    examples: ["commons status", "commons status --json | jq .thresholds"],
    flags: [v("proposals", "how many latest proposals to show (default 10)", "<n>")],
    async run(args) {
      const s = await connect(args, "status", false);
      const state = await s.commons.readGovernanceState({ proposalLimit: flag(args, "proposals") ?? "10" });
      out(args, () => renderGovernanceState(state), state);
    },
  },
  {
    name: "catalog list",
    summary: "the approved consumer devices (SKUs)",
    usage: "commons catalog list",
    examples: ["commons catalog list"],
    async run(args) {
      positionals(args, [], "catalog list");
      const s = await connect(args, "catalog list", false);
      const skus = await s.commons.catalog.listSkus();
      out(args, () => renderSkus(skus), skus);
    },
  },
  {
    name: "node register",
    summary: "register a node (your rig) with its bond; you get one vote",
    usage: "commons node register --device <sku>[:<count>] [--device …] [--uri <uri>]",
    examples: ["commons node register --device 2:2 --account 1   # two RTX 3090s", "commons node register --device 6 --uri ipfs://my-mac"],
    flags: [DEVICE, URI],
    write: true,
    async run(args) {
      positionals(args, [], "node register");
      const devices = parseDevices(args, "node register");
      const s = await connect(args, "node register", true);
      const r = await send("registering node", (o) => s.commons.registry.registerNode({ devices, metadataURI: flag(args, "uri") ?? "", ...o }));
      out(args, () => `node ${r.nodeId} registered to ${s.signer!.account.address}`, { nodeId: r.nodeId, owner: s.signer!.account.address, ...txJson(r) });
    },
  },
  {
    name: "node update",
    summary: "replace an active node's devices and metadata (owner only)",
    usage: "commons node update <nodeId> --device <sku>[:<count>] [--device …] [--uri <uri>]",
    examples: ["commons node update 3 --device 4:2 --account 1"],
    flags: [DEVICE, URI],
    write: true,
    async run(args) {
      const [nodeId] = positionals(args, ["nodeId"], "node update");
      const devices = parseDevices(args, "node update");
      const s = await connect(args, "node update", true);
      const r = await send(`updating node ${nodeId}`, (o) =>
        s.commons.registry.updateNode({ nodeId: nodeId!, devices, metadataURI: flag(args, "uri") ?? "", ...o }),
      );
      out(args, () => `node ${nodeId} updated`, { nodeId, ...txJson(r) });
    },
  },
  {
    name: "node exit",
    summary: "exit a node: its vote leaves now, its bond starts unbonding (owner only)",
    usage: "commons node exit <nodeId>",
    examples: ["commons node exit 3 --account 1"],
    write: true,
    async run(args) {
      const [nodeId] = positionals(args, ["nodeId"], "node exit");
      const s = await connect(args, "node exit", true);
      const r = await send(`exiting node ${nodeId}`, (o) => s.commons.registry.exitNode({ nodeId: nodeId!, ...o }));
      const node = await s.commons.registry.getNode({ nodeId: nodeId! });
      out(args, () => `node ${nodeId} exited; bond withdrawable from unix time ${node.unlockAt}`, { nodeId, unlockAt: node.unlockAt, ...txJson(r) });
    },
  },
  {
    name: "node withdraw",
    summary: "withdraw an exited node's bond after unbonding (owner only)",
    usage: "commons node withdraw <nodeId>",
    examples: ["commons node withdraw 3 --account 1"],
    write: true,
    async run(args) {
      const [nodeId] = positionals(args, ["nodeId"], "node withdraw");
      const s = await connect(args, "node withdraw", true);
      const r = await send(`withdrawing node ${nodeId}'s bond`, (o) => s.commons.registry.withdrawBond({ nodeId: nodeId!, ...o }));
      const amount = r.events[0]?.args.amount;
      out(args, () => `bond of node ${nodeId} withdrawn`, { nodeId, amount, ...txJson(r) });
    },
  },
  {
    name: "node list",
    summary: "every node, or every node of one owner",
    usage: "commons node list [--owner <address>]",
    examples: ["commons node list", "commons node list --owner 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --json"],
    flags: [v("owner", "only this owner's nodes", "<address>")],
    async run(args) {
      positionals(args, [], "node list");
      const s = await connect(args, "node list", false);
      const owner = flag(args, "owner");
      const [nodes, skus] = await Promise.all([s.commons.registry.listNodes(owner ? { owner } : {}), s.commons.catalog.listSkus()]);
      out(args, () => renderNodes(nodes, skus), nodes);
    },
  },
  {
    name: "node show",
    summary: "one node",
    usage: "commons node show <nodeId>",
    examples: ["commons node show 1"],
    async run(args) {
      const [nodeId] = positionals(args, ["nodeId"], "node show");
      const s = await connect(args, "node show", false);
      const [node, skus] = await Promise.all([s.commons.registry.getNode({ nodeId: nodeId! }), s.commons.catalog.listSkus()]);
      out(args, () => renderNode(node, skus), node);
    },
  },
  {
    name: "model register",
    summary: "register a model with its figures (anyone may)",
    usage: "commons model register --name <name> --params <count> --flop <count> --weights-hash <0x…> [--uri <uri>] [--open-weights] [--units]",
    examples: [
      'commons model register --name "Llama 3.1 8B" --params 8030000000 --flop 1224000000000000000000000 --weights-hash 0x… --open-weights --account 2',
      'commons model register --name "Llama 3.1 70B" --params 70.6B --flop 7.9e24 --weights-hash 0x… --units --account 2',
    ],
    flags: [
      v("name", "model name (at most 64 bytes)", "<name>"),
      v("params", "parameter count, raw digits (70600000000), or 70.6B with --units", "<count>"),
      v("flop", "training compute in FLOP, raw digits, or 7.9e24 with --units", "<count>"),
      v("weights-hash", "32-byte hash of the weights (0x + 64 hex digits)", "<0x…>"),
      URI,
      b("open-weights", "the weights are public"),
      UNITS,
    ],
    write: true,
    async run(args) {
      positionals(args, [], "model register");
      const units = args.booleans.has("units");
      const name = requireFlag(args, "name", "model register");
      const params = parseCount(requireFlag(args, "params", "model register"), "params", units);
      const trainingFlop = parseCount(requireFlag(args, "flop", "model register"), "flop", units);
      const weightsHash = requireFlag(args, "weights-hash", "model register");
      if (!isHex(weightsHash)) throw new UsageError(`--weights-hash must be 0x-prefixed hex`, "model register");
      const s = await connect(args, "model register", true);
      const r = await send(`registering model ${name}`, (o) =>
        s.commons.classifier.registerModel({
          name,
          params,
          trainingFlop,
          weightsHash: weightsHash as Hex,
          uri: flag(args, "uri") ?? "",
          openWeights: args.booleans.has("open-weights"),
          ...o,
        }),
      );
      const tier = await s.commons.classifier.classifyModel({ modelId: r.modelId });
      out(args, () => `model ${r.modelId} (${name}) registered: ${tier}`, { modelId: r.modelId, tier, ...txJson(r) });
    },
  },
  {
    name: "model list",
    summary: "every registered model with its tier now",
    usage: "commons model list",
    examples: ["commons model list", "commons model list --json"],
    async run(args) {
      positionals(args, [], "model list");
      const s = await connect(args, "model list", false);
      const models = await classified(s, await s.commons.classifier.listModels());
      out(args, () => renderModels(models), models);
    },
  },
  {
    name: "model show",
    summary: "one model and its tier now",
    usage: "commons model show <modelId>",
    examples: ["commons model show 2"],
    async run(args) {
      const [modelId] = positionals(args, ["modelId"], "model show");
      const s = await connect(args, "model show", false);
      const [model] = await classified(s, [await s.commons.classifier.getModel({ modelId: modelId! })]);
      out(args, () => renderModel(model!), model);
    },
  },
  {
    name: "model classify",
    summary: "Small or Large: a registered model, or figures; now or at a past time",
    usage: "commons model classify (<modelId> | --params <count> --flop <count>) [--at <unix-time>] [--units]",
    examples: [
      "commons model classify 3",
      "commons model classify --params 72700000000 --flop 3000000000000000000000000",
      "commons model classify --params 405B --flop 3.8e25 --units --at 1735689600",
    ],
    flags: [
      v("params", "parameter count (raw digits, or 70B with --units)", "<count>"),
      v("flop", "training compute in FLOP (raw digits, or 1.2e24 with --units)", "<count>"),
      v("at", "a past timestamp (seconds): classify under the thresholds in force then", "<unix-time>"),
      UNITS,
    ],
    async run(args) {
      const units = args.booleans.has("units");
      const at = flag(args, "at");
      const timepoint = at === undefined ? undefined : parseCount(at, "at", false);
      const byId = args.positionals.length > 0;
      if (byId) positionals(args, ["modelId"], "model classify");
      if (!byId && (flag(args, "params") === undefined || flag(args, "flop") === undefined)) {
        throw new UsageError("give a model id, or both --params and --flop", "model classify");
      }
      if (byId && (flag(args, "params") !== undefined || flag(args, "flop") !== undefined)) {
        throw new UsageError("give a model id or --params/--flop, not both", "model classify");
      }
      const params = byId ? undefined : parseCount(flag(args, "params")!, "params", units);
      const trainingFlop = byId ? undefined : parseCount(flag(args, "flop")!, "flop", units);
      const s = await connect(args, "model classify", false);
      const when = timepoint === undefined ? {} : { timepoint };
      const tier = byId
        ? await s.commons.classifier.classifyModel({ modelId: args.positionals[0]!, ...when })
        : await s.commons.classifier.classify({ params: params!, trainingFlop: trainingFlop!, ...when });
      const thresholds = await s.commons.classifier.getThresholds(when);
      const subject = byId ? `model ${args.positionals[0]}` : `${countWithHuman(BigInt(params!))} params, ${flopWithHuman(BigInt(trainingFlop!))}`;
      out(
        args,
        () =>
          `${subject}: ${tier}${timepoint ? ` at ${timepoint}` : ""} (Small up to ${countWithHuman(thresholds.maxSmallParams)} params and ${flopWithHuman(thresholds.maxSmallTrainingFlop)})`,
        { ...(byId ? { modelId: args.positionals[0] } : { params, trainingFlop }), timepoint: timepoint ?? null, tier, thresholds },
      );
    },
  },
  {
    name: "propose thresholds",
    summary: "propose new Small/Large thresholds through the governor (checked against the floor and rate limit first)",
    usage: "commons propose thresholds [--max-small-params <count>] [--max-small-flop <count>] [--description <text>] [--units]",
    examples: [
      'commons propose thresholds --max-small-params 100000000000 --description "Small up to 100B" --account 1',
      "commons propose thresholds --max-small-params 100B --units --account 1",
    ],
    flags: [
      v("max-small-params", "new max Small parameter count (default: unchanged)", "<count>"),
      v("max-small-flop", "new max Small training FLOP (default: unchanged)", "<count>"),
      v("description", "proposal text (a #proposer= suffix is added)", "<text>"),
      UNITS,
    ],
    write: true,
    async run(args) {
      positionals(args, [], "propose thresholds");
      const units = args.booleans.has("units");
      const p = flag(args, "max-small-params");
      const f = flag(args, "max-small-flop");
      if (p === undefined && f === undefined) throw new UsageError("give --max-small-params and/or --max-small-flop", "propose thresholds");
      const params = p === undefined ? undefined : parseCount(p, "max-small-params", units);
      const flop = f === undefined ? undefined : parseCount(f, "max-small-flop", units);
      const s = await connect(args, "propose thresholds", true);
      const current = await s.commons.classifier.getThresholds();
      const next = {
        maxSmallParams: params ?? current.maxSmallParams,
        maxSmallTrainingFlop: flop ?? current.maxSmallTrainingFlop,
      };
      const description =
        flag(args, "description") ??
        `Set the Small line to ${countWithHuman(BigInt(next.maxSmallParams))} parameters and ${flopWithHuman(BigInt(next.maxSmallTrainingFlop))}`;
      const r = await send("proposing thresholds", (o) => s.commons.governance.proposeThresholds({ ...next, description, ...o }));
      out(args, () => `proposal ${r.proposalId} created`, {
        proposalId: r.proposalId,
        maxSmallParams: next.maxSmallParams,
        maxSmallTrainingFlop: next.maxSmallTrainingFlop,
        description: r.description,
        descriptionHash: r.descriptionHash,
        ...txJson(r),
      });
    },
  },
  {
    name: "vote",
    summary: "vote on a proposal with your nodes' votes",
    usage: "commons vote <proposalId> <for|against|abstain> [--reason <text>]",
    examples: ["commons vote 1234…5678 for --account 1", 'commons vote 1234…5678 against --reason "too fast" --account 2'],
    flags: [v("reason", "reason recorded on chain", "<text>")],
    write: true,
    async run(args) {
      const [proposalId, support] = positionals(args, ["proposalId", "for|against|abstain"], "vote");
      if (!["for", "against", "abstain"].includes(support!)) throw new UsageError(`vote must be for, against or abstain, not "${support}"`, "vote");
      const s = await connect(args, "vote", true);
      const reason = flag(args, "reason");
      const r = await send(`voting ${support}`, (o) =>
        s.commons.governance.castVote({ proposalId: proposalId!, support: support as "for", ...(reason ? { reason } : {}), ...o }),
      );
      const weight = r.events[0]?.args.weight ?? 0n;
      out(args, () => `voted ${support} with ${weight} vote(s)`, { proposalId, support, weight, voter: s.signer!.account.address, ...txJson(r) });
    },
  },
  {
    name: "queue",
    summary: "queue a succeeded proposal in the timelock (anyone may)",
    usage: "commons queue <proposalId>",
    examples: ["commons queue 1234…5678 --account 0"],
    write: true,
    async run(args) {
      const [proposalId] = positionals(args, ["proposalId"], "queue");
      const s = await connect(args, "queue", true);
      const r = await send("queueing proposal", (o) => s.commons.governance.queue({ proposalId: proposalId!, ...o }));
      const eta = r.events[0]?.args.etaSeconds;
      out(args, () => `proposal queued; executable from unix time ${eta}`, { proposalId, eta, ...txJson(r) });
    },
  },
  {
    name: "execute",
    summary: "execute a queued proposal after the timelock delay (anyone may)",
    usage: "commons execute <proposalId>",
    examples: ["commons execute 1234…5678 --account 0"],
    write: true,
    async run(args) {
      const [proposalId] = positionals(args, ["proposalId"], "execute");
      const s = await connect(args, "execute", true);
      const r = await send("executing proposal", (o) => s.commons.governance.execute({ proposalId: proposalId!, ...o }));
      const thresholds = await s.commons.classifier.getThresholds();
      out(
        args,
        () => `proposal executed; Small is now up to ${countWithHuman(thresholds.maxSmallParams)} params and ${flopWithHuman(thresholds.maxSmallTrainingFlop)}`,
        { proposalId, thresholds, ...txJson(r) },
      );
    },
  },
  {
    name: "proposals",
    summary: "every proposal with its state and tallies",
    usage: "commons proposals",
    examples: ["commons proposals", "commons proposals --json | jq '.[].state'"],
    async run(args) {
      positionals(args, [], "proposals");
      const s = await connect(args, "proposals", false);
      const proposals = await s.commons.governance.listProposals();
      out(args, () => renderProposals(proposals), proposals.map((p) => ({ ...p, summary: describeActions(p) })));
    },
  },
  {
    name: "delegate",
    summary: "delegate your nodes' votes to an address (registering delegates to yourself)",
    usage: "commons delegate <address>",
    examples: ["commons delegate 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC --account 1"],
    write: true,
    async run(args) {
      const [delegatee] = positionals(args, ["address"], "delegate");
      const s = await connect(args, "delegate", true);
      const r = await send(`delegating to ${delegatee}`, (o) => s.commons.registry.delegate({ delegatee: delegatee!, ...o }));
      out(args, () => `votes of ${s.signer!.account.address} delegated to ${delegatee}`, { delegator: s.signer!.account.address, delegatee, ...txJson(r) });
    },
  },
];
