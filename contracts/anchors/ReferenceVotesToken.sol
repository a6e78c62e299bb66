// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

// Exists only for benchmarks (bench/): the reference the registry's vote accounting is measured against.
// Never deployed by the Ignition module.

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

/// @title ReferenceVotesToken
/// @notice Benchmark anchor: OpenZeppelin's ERC20Votes as shipped, on the same timestamp clock as the registry.
contract ReferenceVotesToken is ERC20, ERC20Permit, ERC20Votes {
    /// @notice Only the deployer mints.
    /// @param caller The account that tried.
    error ReferenceVotesTokenNotMinter(address caller);

    address private immutable _minter;

    /// @param holder Receives the initial supply.
    /// @param supply Tokens minted to `holder`.
    constructor(address holder, uint256 supply) ERC20("Reference Vote", "RVOTE") ERC20Permit("Reference Vote") {
        _minter = msg.sender;
        _mint(holder, supply);
    }

    /// @notice Mints `amount` to `to`, so a benchmark can give the supply the same history as the registry's.
    /// @param to The receiver.
    /// @param amount Tokens to mint.
    function mint(address to, uint256 amount) external {
        if (msg.sender != _minter) revert ReferenceVotesTokenNotMinter(msg.sender);
        _mint(to, amount);
    }

    /// @notice The clock is the block timestamp (ERC-6372).
    /// @return The current timestamp.
    function clock() public view override returns (uint48) {
        return Time.timestamp();
    }

    /// @notice ERC-6372 clock description.
    /// @return "mode=timestamp".
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @notice Nonces for permits and delegation by signature.
    /// @param owner The account.
    /// @return The next nonce.
    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
