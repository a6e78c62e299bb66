import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { buildSystem } from "./system.js";

/**
 * The system on a public chain: EAS is the chain's canonical deployment, given as the `eas` parameter (the
 * parameter files in `ignition/parameters/` carry it; EAS's own package lists it per network in
 * `deployments/<network>/EAS.json`). On a local chain use `ComputeCommonsLocal.ts`, which deploys EAS too.
 */
export default buildModule("ComputeCommons", (m) => {
  const eas = m.getParameter<string>("eas");
  return buildSystem(m, eas);
});
