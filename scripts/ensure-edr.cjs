// npm starts under the machine's Node 20 and then skips Hardhat's native EDR
// package (its engines field asks for Node >= 22). The `node@22` devDependency
// gives npm scripts a Node 22; re-running the install once under it adds EDR.
const { execFileSync } = require("node:child_process");

function edrLoads() {
  try {
    require("@nomicfoundation/edr");
    return true;
  } catch {
    return false;
  }
}

function hardhatInstalled() {
  try {
    require.resolve("hardhat/package.json");
    return true;
  } catch {
    return false;
  }
}

if (hardhatInstalled() && !edrLoads() && !process.env.COMPUTE_COMMONS_EDR_RETRY) {
  const npmCli = process.env.npm_execpath;
  if (!npmCli) {
    console.error("ensure-edr: npm_execpath is not set; run `npm install` again");
    process.exit(1);
  }
  console.log(`ensure-edr: installing Hardhat's native EDR package under Node ${process.version}`);
  execFileSync(process.execPath, [npmCli, "install", "--ignore-scripts", "--no-audit", "--no-fund"], {
    stdio: "inherit",
    env: { ...process.env, COMPUTE_COMMONS_EDR_RETRY: "1" },
  });
  if (!edrLoads()) {
    console.error("ensure-edr: @nomicfoundation/edr still does not load");
    process.exit(1);
  }
}
