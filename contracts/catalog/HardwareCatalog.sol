// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {FixedAdmin} from "../access/FixedAdmin.sol";
import {IHardwareCatalog} from "../interfaces/IHardwareCatalog.sol";
import {Paging} from "../libraries/Paging.sol";

/// @title HardwareCatalog
/// @notice Governance-approved consumer device models. See {IHardwareCatalog}.
contract HardwareCatalog is IHardwareCatalog, FixedAdmin {
    /// @notice Longest vendor or model name, in bytes.
    uint256 public constant MAX_NAME_LENGTH = 64;
    /// @notice Node device lists store SKU ids as uint16.
    uint256 public constant MAX_SKUS = type(uint16).max;

    // Memory and the deprecated flag share one slot so the registry pays one SLOAD per device line.
    struct SkuSpec {
        uint32 memoryMiB;
        uint32 bandwidthGBps;
        bool deprecated;
    }

    struct SkuNames {
        string vendor;
        string name;
    }

    mapping(uint256 skuId => SkuSpec spec) private _specs;
    mapping(uint256 skuId => SkuNames names) private _names;
    mapping(bytes32 vendorAndName => uint256 skuId) private _idByName;
    uint256 private _skuCount;

    /// @param admin_ The admin for good (the timelock in a deployment).
    /// @param seed SKUs to list from the start.
    constructor(address admin_, SkuInput[] memory seed) FixedAdmin(admin_) {
        for (uint256 i = 0; i < seed.length; ++i) {
            _addSku(seed[i]);
        }
    }

    /// @inheritdoc IHardwareCatalog
    function addSku(SkuInput calldata input) external onlyAdmin returns (uint256 skuId) {
        return _addSku(input);
    }

    /// @inheritdoc IHardwareCatalog
    function deprecateSku(uint256 skuId) external onlyAdmin {
        SkuSpec storage spec = _existingSpec(skuId);
        if (spec.deprecated) revert HardwareCatalogSkuAlreadyDeprecated(skuId);
        spec.deprecated = true;
        emit SkuDeprecated(skuId);
    }

    /// @inheritdoc IHardwareCatalog
    function sku(uint256 skuId) public view returns (Sku memory) {
        SkuSpec storage spec = _existingSpec(skuId);
        SkuNames storage names = _names[skuId];
        return Sku(names.vendor, names.name, spec.memoryMiB, spec.bandwidthGBps, spec.deprecated);
    }

    /// @inheritdoc IHardwareCatalog
    function skuMemory(uint256 skuId) external view returns (uint32 memoryMiB, bool deprecated) {
        SkuSpec storage spec = _existingSpec(skuId);
        return (spec.memoryMiB, spec.deprecated);
    }

    /// @inheritdoc IHardwareCatalog
    function skus(uint256 offset, uint256 limit) external view returns (Sku[] memory page) {
        uint256 end = Paging.end(offset, limit, _skuCount);
        page = new Sku[](end - offset);
        for (uint256 i = offset; i < end; ++i) {
            page[i - offset] = sku(i + 1);
        }
    }

    /// @inheritdoc IHardwareCatalog
    function skuCount() external view returns (uint256) {
        return _skuCount;
    }

    function _addSku(SkuInput memory input) private returns (uint256 skuId) {
        _checkName(input.vendor);
        _checkName(input.name);
        if (input.memoryMiB == 0) revert HardwareCatalogZeroMemory();
        if (input.bandwidthGBps == 0) revert HardwareCatalogZeroBandwidth();
        bytes32 key = keccak256(abi.encode(input.vendor, input.name));
        uint256 existing = _idByName[key];
        if (existing != 0) revert HardwareCatalogDuplicateSku(existing);
        if (_skuCount == MAX_SKUS) revert HardwareCatalogFull(MAX_SKUS);

        skuId = ++_skuCount;
        _idByName[key] = skuId;
        _specs[skuId] = SkuSpec(input.memoryMiB, input.bandwidthGBps, false);
        _names[skuId] = SkuNames(input.vendor, input.name);
        emit SkuAdded(skuId, input.vendor, input.name, input.memoryMiB, input.bandwidthGBps);
    }

    function _existingSpec(uint256 skuId) private view returns (SkuSpec storage) {
        if (skuId == 0 || skuId > _skuCount) revert HardwareCatalogUnknownSku(skuId);
        return _specs[skuId];
    }

    function _checkName(string memory value) private pure {
        uint256 length = bytes(value).length;
        if (length == 0) revert HardwareCatalogEmptyName();
        if (length > MAX_NAME_LENGTH) revert HardwareCatalogNameTooLong(length, MAX_NAME_LENGTH);
    }
}
