/** Function selectors of the system's contracts, and what they name: for proposal summaries and error messages. */
import { toFunctionSelector, toFunctionSignature, type Abi, type AbiFunction, type Hex } from "viem";
import {
  computeGovernorAbi,
  computeRegistryAbi,
  hardwareAttestationsAbi,
  hardwareCatalogAbi,
  modelClassifierAbi,
  nodeChallengesAbi,
  timelockControllerAbi,
} from "../abi/generated.js";

/** Every function a proposal could call on the system's contracts (and a few it may not), for decoding. */
export const ACTION_ABI: Abi = [
  ...modelClassifierAbi,
  ...computeRegistryAbi,
  ...hardwareCatalogAbi,
  ...hardwareAttestationsAbi,
  ...nodeChallengesAbi,
  ...computeGovernorAbi,
  ...timelockControllerAbi,
].filter((item) => item.type === "function");

const BY_SELECTOR = new Map<string, AbiFunction>();
for (const item of ACTION_ABI as AbiFunction[]) {
  const selector = toFunctionSelector(item);
  if (!BY_SELECTOR.has(selector)) BY_SELECTOR.set(selector, item);
}

/** The function a selector names in the system's ABIs: `{ functionName, signature }`, or undefined. */
export function functionOfSelector(selector: Hex): { functionName: string; signature: string } | undefined {
  const item = BY_SELECTOR.get(selector.toLowerCase());
  if (!item) return undefined;
  return { functionName: item.name, signature: toFunctionSignature(item) };
}

/** A selector as people read it: `setThresholds(uint64,uint128)`, or the selector itself when unknown. */
export const describeSelector = (selector: Hex): string => functionOfSelector(selector)?.signature ?? selector;
