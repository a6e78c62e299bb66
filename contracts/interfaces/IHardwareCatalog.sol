// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title IHardwareCatalog
/// @notice The approved consumer device models (SKUs) that nodes are built from. Only the admin (the
/// timelock) adds or deprecates SKUs; registrants pick from the list, they never claim specs themselves.
interface IHardwareCatalog {
    /// @notice A consumer device model as governance approved it.
    /// @param vendor Maker, e.g. "NVIDIA".
    /// @param name Model name, e.g. "GeForce RTX 4090".
    /// @param memoryMiB Memory available to models, in MiB (VRAM, or unified memory on Apple silicon).
    /// @param bandwidthGBps Memory bandwidth in GB/s.
    /// @param deprecated True once governance has retired the SKU: existing nodes keep it, new ones can't use it.
    struct Sku {
        string vendor;
        string name;
        uint32 memoryMiB;
        uint32 bandwidthGBps;
        bool deprecated;
    }

    /// @notice A SKU as the constructor's seed list and `addSku` take it.
    struct SkuInput {
        string vendor;
        string name;
        uint32 memoryMiB;
        uint32 bandwidthGBps;
    }

    /// @notice Emitted when a SKU is added.
    /// @param skuId The new SKU's id (ids start at 1).
    /// @param vendor The maker.
    /// @param name The model name.
    /// @param memoryMiB Memory in MiB.
    /// @param bandwidthGBps Memory bandwidth in GB/s.
    event SkuAdded(uint256 indexed skuId, string vendor, string name, uint32 memoryMiB, uint32 bandwidthGBps);

    /// @notice Emitted when a SKU is deprecated.
    /// @param skuId The SKU's id.
    event SkuDeprecated(uint256 indexed skuId);

    /// @notice The vendor or the name is empty.
    error HardwareCatalogEmptyName();
    /// @notice The vendor or the name is longer than `maxLength` bytes.
    /// @param length The length given.
    /// @param maxLength The longest allowed.
    error HardwareCatalogNameTooLong(uint256 length, uint256 maxLength);
    /// @notice A SKU must have memory.
    error HardwareCatalogZeroMemory();
    /// @notice A SKU must have memory bandwidth.
    error HardwareCatalogZeroBandwidth();
    /// @notice The (vendor, name) pair is already listed.
    /// @param existingSkuId The SKU that holds it.
    error HardwareCatalogDuplicateSku(uint256 existingSkuId);
    /// @notice No SKU has this id.
    /// @param skuId The id asked for.
    error HardwareCatalogUnknownSku(uint256 skuId);
    /// @notice The SKU was deprecated already.
    /// @param skuId The SKU's id.
    error HardwareCatalogSkuAlreadyDeprecated(uint256 skuId);
    /// @notice The catalog holds the most SKUs that a node's packed device list can address.
    /// @param maxSkus The limit.
    error HardwareCatalogFull(uint256 maxSkus);

    /// @notice Adds a SKU. Admin only.
    /// @param sku The device model.
    /// @return skuId The new SKU's id.
    function addSku(SkuInput calldata sku) external returns (uint256 skuId);

    /// @notice Deprecates a SKU so that no new node can use it. Admin only.
    /// @param skuId The SKU's id.
    function deprecateSku(uint256 skuId) external;

    /// @notice One SKU.
    /// @param skuId The SKU's id; reverts with `HardwareCatalogUnknownSku` when there is none.
    /// @return The SKU.
    function sku(uint256 skuId) external view returns (Sku memory);

    /// @notice The memory of a SKU and whether new nodes may use it, in one storage read.
    /// @param skuId The SKU's id; reverts with `HardwareCatalogUnknownSku` when there is none.
    /// @return memoryMiB Memory in MiB.
    /// @return deprecated Whether the SKU is deprecated.
    function skuMemory(uint256 skuId) external view returns (uint32 memoryMiB, bool deprecated);

    /// @notice A page of SKUs in id order.
    /// @param offset Index of the first SKU (0 is SKU id 1).
    /// @param limit The most SKUs to return.
    /// @return page The SKUs; shorter than `limit` at the end, empty past it.
    function skus(uint256 offset, uint256 limit) external view returns (Sku[] memory page);

    /// @notice Number of SKUs ever added (deprecated ones included). Ids run from 1 to `skuCount()`.
    /// @return The count.
    function skuCount() external view returns (uint256);
}
