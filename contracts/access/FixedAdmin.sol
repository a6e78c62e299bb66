// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title FixedAdmin
/// @notice One admin, fixed at deployment for good: there is no function that transfers or renounces it. In a
/// deployment the admin is the timelock, so a passed proposal can change a contract's governed values but can
/// never hand the contract to someone else (THREATS.md §0, "take the contracts": v1's `Ownable` let one
/// proposal call `transferOwnership` on every contract).
abstract contract FixedAdmin {
    address private immutable _admin;

    /// @notice The caller is not the admin.
    /// @param caller Who called.
    /// @param admin The admin.
    error FixedAdminUnauthorizedCaller(address caller, address admin);
    /// @notice The admin given at deployment is the zero address.
    error FixedAdminZeroAdmin();

    modifier onlyAdmin() {
        if (msg.sender != _admin) revert FixedAdminUnauthorizedCaller(msg.sender, _admin);
        _;
    }

    /// @param admin_ The admin for good (the timelock in a deployment).
    constructor(address admin_) {
        if (admin_ == address(0)) revert FixedAdminZeroAdmin();
        _admin = admin_;
    }

    /// @notice The admin, fixed at deployment: the only address that may call the governed setters.
    /// @return The admin's address.
    function admin() public view returns (address) {
        return _admin;
    }
}
