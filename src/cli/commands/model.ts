import { isHex, type Hex } from "viem";
import { compact, flop, tierOf } from "../../domain.js";
import type { Model } from "../../types.js";
import { defineCommand, defineGroup } from "../command.js";
import { connect } from "../context.js";
import { UsageError } from "../errors.js";
import { output } from "../io.js";
import { parseCount } from "../numbers.js";
import { countWithCompact, renderModel, renderModels, type ClassifiedModel } from "../render.js";
import { send, txJson } from "./send.js";

const UNITS = {
  type: "boolean",
  description: "accept 70B / 8.03B (params) and 1.2e24 (FLOP) instead of raw digits",
} as const;
const MODEL_ID = { name: "modelId", description: "the model's id (commons model list)", field: "modelId" } as const;

const register = defineCommand({
  summary: "register a model with its figures (anyone may)",
  flags: {
    name: { type: "string", description: "model name (at most 64 bytes)", placeholder: "<name>", field: "name" },
    params: {
      type: "string",
      description: "parameter count, raw digits (70600000000), or 70.6B with --units",
      placeholder: "<count>",
      field: "params",
    },
    flop: {
      type: "string",
      description: "training compute in FLOP, raw digits, or 7.9e24 with --units",
      placeholder: "<count>",
      field: "trainingFlop",
    },
    "weights-hash": {
      type: "string",
      description: "32-byte hash of the weights (0x + 64 hex digits)",
      placeholder: "<0x…>",
      field: "weightsHash",
    },
    uri: {
      type: "string",
      description: "where the model is described (e.g. https://…)",
      placeholder: "<uri>",
      field: "uri",
    },
    "open-weights": { type: "boolean", description: "the weights are public" },
    units: UNITS,
  },
  write: true,
  examples: [
    'commons model register --name "Llama 3.1 8B" --params 8030000000 --flop 1224000000000000000000000 --weights-hash 0x… --open-weights --account 2',
    'commons model register --name "Llama 3.1 70B" --params 70.6B --flop 7.9e24 --weights-hash 0x… --units --account 2',
  ],
  async run(input) {
    const { flags, path } = input;
    const required = (name: "name" | "params" | "flop" | "weights-hash") => {
      const value = flags[name];
      if (value === undefined) throw new UsageError(`--${name} is required`, path);
      return value;
    };
    const name = required("name");
    const params = parseCount(required("params"), "--params", flags.units);
    const trainingFlop = parseCount(required("flop"), "--flop", flags.units);
    const weightsHash = required("weights-hash");
    if (!isHex(weightsHash)) throw new UsageError("--weights-hash must be 0x-prefixed hex", path);
    const session = await connect(input, true);
    const r = await send(session, flags, `registering model ${name}`, (o) =>
      session.commons.registerModel({
        name,
        params,
        trainingFlop,
        weightsHash: weightsHash satisfies Hex,
        uri: flags.uri ?? "",
        openWeights: flags["open-weights"],
        ...o,
      }),
    );
    const tier = tierOf(await session.commons.getThresholds(), {
      params: BigInt(params),
      trainingFlop: BigInt(trainingFlop),
    });
    output(flags, () => `model ${r.modelId} (${name}) registered: ${tier}`, { modelId: r.modelId, tier, ...txJson(r) });
  },
});

/** The models with their tier under the thresholds now: one request for the thresholds, none per model. */
async function classified(
  session: Awaited<ReturnType<typeof connect>>,
  models: readonly Model[],
): Promise<ClassifiedModel[]> {
  const thresholds = await session.commons.getThresholds();
  return models.map((m) => ({ ...m, tier: tierOf(thresholds, m) }));
}

const list = defineCommand({
  summary: "every registered model with its tier now",
  examples: ["commons model list", "commons model list --json"],
  async run(input) {
    const session = await connect(input, false);
    const models = await classified(session, await session.commons.listModels());
    output(input.flags, () => renderModels(models), models);
  },
});

const show = defineCommand({
  summary: "one model and its tier now",
  positionals: [MODEL_ID],
  examples: ["commons model show 2"],
  async run(input) {
    const session = await connect(input, false);
    const [model] = await classified(session, [await session.commons.getModel({ modelId: input.args.modelId })]);
    output(input.flags, () => renderModel(model!), model);
  },
});

const classify = defineCommand({
  summary: "Small or Large: a registered model, or figures; now or at a past time",
  positionals: [{ ...MODEL_ID, optional: true }],
  flags: {
    params: {
      type: "string",
      description: "parameter count (raw digits, or 70B with --units)",
      placeholder: "<count>",
      field: "params",
    },
    flop: {
      type: "string",
      description: "training compute in FLOP (raw digits, or 1.2e24 with --units)",
      placeholder: "<count>",
      field: "trainingFlop",
    },
    at: {
      type: "string",
      description: "a past timestamp (seconds): classify under the thresholds in force then",
      placeholder: "<unix-time>",
      field: "timepoint",
    },
    units: UNITS,
  },
  examples: [
    "commons model classify 3",
    "commons model classify --params 72700000000 --flop 3000000000000000000000000",
    "commons model classify --params 405B --flop 3.8e25 --units --at 1735689600",
  ],
  async run(input) {
    const { flags, path } = input;
    const { modelId } = input.args;
    const timepoint = flags.at === undefined ? undefined : parseCount(flags.at, "--at", false);
    const byFigures = flags.params !== undefined || flags.flop !== undefined;
    if (modelId === undefined && (flags.params === undefined || flags.flop === undefined)) {
      throw new UsageError("give a model id, or both --params and --flop", path);
    }
    if (modelId !== undefined && byFigures) throw new UsageError("give a model id or --params/--flop, not both", path);
    const params = flags.params === undefined ? undefined : parseCount(flags.params, "--params", flags.units);
    const trainingFlop = flags.flop === undefined ? undefined : parseCount(flags.flop, "--flop", flags.units);
    const { commons } = await connect(input, false);
    const [figures, thresholds] = await Promise.all([
      modelId === undefined
        ? { params: BigInt(params!), trainingFlop: BigInt(trainingFlop!) }
        : commons.getModel({ modelId }),
      commons.getThresholds({ timepoint }),
    ]);
    const tier = tierOf(thresholds, figures);
    const subject =
      modelId === undefined
        ? `${countWithCompact(figures.params)} params, ${flop(figures.trainingFlop)}`
        : `model ${modelId}`;
    output(
      flags,
      () =>
        `${subject}: ${tier}${timepoint ? ` at ${timepoint}` : ""} ` +
        `(Small up to ${compact(thresholds.maxSmallParams)} params and ${flop(thresholds.maxSmallTrainingFlop)})`,
      {
        ...(modelId === undefined ? { params, trainingFlop } : { modelId }),
        timepoint: timepoint ?? null,
        tier,
        thresholds,
      },
    );
  },
});

export const modelCommands = defineGroup("models: register, list, show, classify", { register, list, show, classify });
