// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {FixedAdmin} from "../../contracts/access/FixedAdmin.sol";
import {HardwareCatalog} from "../../contracts/catalog/HardwareCatalog.sol";
import {IHardwareCatalog} from "../../contracts/interfaces/IHardwareCatalog.sol";
import {Deployers} from "../utils/Deployers.sol";
import {SeedDevices} from "../utils/SeedDevices.sol";

contract HardwareCatalogTest is Deployers {
    address internal constant STRANGER = address(0xBEEF);

    event SkuAdded(uint256 indexed skuId, string vendor, string name, uint32 memoryMiB, uint32 bandwidthGBps);
    event SkuDeprecated(uint256 indexed skuId);

    function setUp() public {
        deployFixture();
    }

    function _input(string memory vendor, string memory name_, uint32 mem, uint32 bw)
        internal
        pure
        returns (IHardwareCatalog.SkuInput memory)
    {
        return IHardwareCatalog.SkuInput(vendor, name_, mem, bw);
    }

    function _repeat(uint256 n) internal pure returns (string memory s) {
        bytes memory b = new bytes(n);
        for (uint256 i = 0; i < n; ++i) b[i] = "x";
        s = string(b);
    }

    // ------------------------------------------------------------------ constructor / seed

    function test_constructor_seedsDevicesInOrder() public view {
        assertEq(catalog.skuCount(), 9);
        assertEq(catalog.admin(), address(this));
        IHardwareCatalog.SkuInput[] memory seed = SeedDevices.all();
        for (uint256 i = 0; i < seed.length; ++i) {
            IHardwareCatalog.Sku memory s = catalog.sku(i + 1);
            assertEq(s.vendor, seed[i].vendor);
            assertEq(s.name, seed[i].name);
            assertEq(s.memoryMiB, seed[i].memoryMiB);
            assertEq(s.bandwidthGBps, seed[i].bandwidthGBps);
            assertFalse(s.deprecated);
        }
        assertEq(catalog.sku(SeedDevices.RTX_4090).memoryMiB, 24576);
        assertEq(catalog.sku(SeedDevices.RTX_4090).bandwidthGBps, 1008);
        assertEq(catalog.sku(SeedDevices.M2_ULTRA_192GB).memoryMiB, 196608);
        assertEq(catalog.sku(SeedDevices.M4_PRO_64GB).bandwidthGBps, 273);
    }

    function test_constructor_emptySeed() public {
        HardwareCatalog empty = new HardwareCatalog(STRANGER, new IHardwareCatalog.SkuInput[](0));
        assertEq(empty.skuCount(), 0);
        assertEq(empty.admin(), STRANGER);
        assertEq(empty.skus(0, 10).length, 0);
    }

    function test_constructor_revertsOnInvalidSeed() public {
        IHardwareCatalog.SkuInput[] memory seed = new IHardwareCatalog.SkuInput[](2);
        seed[0] = _input("NVIDIA", "A", 1, 1);
        seed[1] = _input("NVIDIA", "A", 2, 2);
        vm.expectRevert(abi.encodeWithSelector(IHardwareCatalog.HardwareCatalogDuplicateSku.selector, 1));
        new HardwareCatalog(address(this), seed);
    }

    function test_constructor_revertsOnZeroAdmin() public {
        vm.expectRevert(abi.encodeWithSelector(FixedAdmin.FixedAdminZeroAdmin.selector));
        new HardwareCatalog(address(0), SeedDevices.all());
    }

    function test_constants() public view {
        assertEq(catalog.MAX_NAME_LENGTH(), 64);
        assertEq(catalog.MAX_SKUS(), 65535);
    }

    // ------------------------------------------------------------------ addSku

    function test_addSku_addsAndEmits() public {
        vm.expectEmit(true, true, true, true, address(catalog));
        emit SkuAdded(10, "Intel", "Arc B580 12 GB", 12288, 456);
        uint256 id = catalog.addSku(_input("Intel", "Arc B580 12 GB", 12288, 456));
        assertEq(id, 10);
        assertEq(catalog.skuCount(), 10);
        IHardwareCatalog.Sku memory s = catalog.sku(10);
        assertEq(s.vendor, "Intel");
        assertEq(s.name, "Arc B580 12 GB");
        assertEq(s.memoryMiB, 12288);
        assertEq(s.bandwidthGBps, 456);
        assertFalse(s.deprecated);
        (uint32 mem, bool dep) = catalog.skuMemory(10);
        assertEq(mem, 12288);
        assertFalse(dep);
    }

    function test_addSku_acceptsMaxLengthNames() public {
        uint256 id = catalog.addSku(_input(_repeat(64), _repeat(64), 1, 1));
        assertEq(catalog.sku(id).name, _repeat(64));
    }

    function test_addSku_sameNameOtherVendorIsDistinct() public {
        uint256 id = catalog.addSku(_input("Other", "GeForce RTX 4090 24 GB", 24576, 1008));
        assertEq(id, 10);
    }

    function test_addSku_revertsWhenNotOwner() public {
        vm.prank(STRANGER);
        vm.expectRevert(abi.encodeWithSelector(FixedAdmin.FixedAdminUnauthorizedCaller.selector, STRANGER, address(this)));
        catalog.addSku(_input("Intel", "Arc", 1, 1));
        assertEq(catalog.skuCount(), 9);
    }

    function test_addSku_revertsWhenVendorEmpty() public {
        vm.expectRevert(abi.encodeWithSelector(IHardwareCatalog.HardwareCatalogEmptyName.selector));
        catalog.addSku(_input("", "Arc", 1, 1));
        assertEq(catalog.skuCount(), 9);
    }

    function test_addSku_revertsWhenNameEmpty() public {
        vm.expectRevert(abi.encodeWithSelector(IHardwareCatalog.HardwareCatalogEmptyName.selector));
        catalog.addSku(_input("Intel", "", 1, 1));
        assertEq(catalog.skuCount(), 9);
    }

    function test_addSku_revertsWhenVendorTooLong() public {
        vm.expectRevert(abi.encodeWithSelector(IHardwareCatalog.HardwareCatalogNameTooLong.selector, 65, 64));
        catalog.addSku(_input(_repeat(65), "Arc", 1, 1));
        assertEq(catalog.skuCount(), 9);
    }

    function test_addSku_revertsWhenNameTooLong() public {
        vm.expectRevert(abi.encodeWithSelector(IHardwareCatalog.HardwareCatalogNameTooLong.selector, 100, 64));
        catalog.addSku(_input("Intel", _repeat(100), 1, 1));
        assertEq(catalog.skuCount(), 9);
    }

    function test_addSku_revertsWhenZeroMemory() public {
        vm.expectRevert(abi.encodeWithSelector(IHardwareCatalog.HardwareCatalogZeroMemory.selector));
        catalog.addSku(_input("Intel", "Arc", 0, 1));
        assertEq(catalog.skuCount(), 9);
    }

    function test_addSku_revertsWhenZeroBandwidth() public {
        vm.expectRevert(abi.encodeWithSelector(IHardwareCatalog.HardwareCatalogZeroBandwidth.selector));
        catalog.addSku(_input("Intel", "Arc", 1, 0));
        assertEq(catalog.skuCount(), 9);
    }

    function test_addSku_revertsWhenDuplicate() public {
        vm.expectRevert(abi.encodeWithSelector(IHardwareCatalog.HardwareCatalogDuplicateSku.selector, 3));
        catalog.addSku(_input("NVIDIA", "GeForce RTX 4090 24 GB", 1, 1));
        assertEq(catalog.skuCount(), 9);
        assertEq(catalog.sku(3).memoryMiB, 24576);
    }

    function test_addSku_revertsWhenFull() public {
        // _skuCount is the 4th slot (_specs, _names, _idByName, _skuCount; the admin is immutable).
        bytes32 slot = bytes32(uint256(3));
        assertEq(uint256(vm.load(address(catalog), slot)), 9, "storage layout changed");
        vm.store(address(catalog), slot, bytes32(uint256(65534)));
        assertEq(catalog.addSku(_input("Intel", "Last", 1, 1)), 65535);
        vm.expectRevert(abi.encodeWithSelector(IHardwareCatalog.HardwareCatalogFull.selector, 65535));
        catalog.addSku(_input("Intel", "One too many", 1, 1));
        assertEq(catalog.skuCount(), 65535);
    }

    // ------------------------------------------------------------------ deprecateSku

    function test_deprecateSku_marksAndEmits() public {
        vm.expectEmit(true, true, true, true, address(catalog));
        emit SkuDeprecated(2);
        catalog.deprecateSku(2);
        assertTrue(catalog.sku(2).deprecated);
        (uint32 mem, bool dep) = catalog.skuMemory(2);
        assertEq(mem, 24576);
        assertTrue(dep);
        assertFalse(catalog.sku(3).deprecated);
        assertEq(catalog.skuCount(), 9);
    }

    function test_deprecateSku_revertsWhenNotOwner() public {
        vm.prank(STRANGER);
        vm.expectRevert(abi.encodeWithSelector(FixedAdmin.FixedAdminUnauthorizedCaller.selector, STRANGER, address(this)));
        catalog.deprecateSku(2);
        assertFalse(catalog.sku(2).deprecated);
    }

    function test_deprecateSku_revertsWhenAlreadyDeprecated() public {
        catalog.deprecateSku(2);
        vm.expectRevert(abi.encodeWithSelector(IHardwareCatalog.HardwareCatalogSkuAlreadyDeprecated.selector, 2));
        catalog.deprecateSku(2);
        assertTrue(catalog.sku(2).deprecated);
    }

    function test_deprecateSku_revertsWhenUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IHardwareCatalog.HardwareCatalogUnknownSku.selector, 0));
        catalog.deprecateSku(0);
        vm.expectRevert(abi.encodeWithSelector(IHardwareCatalog.HardwareCatalogUnknownSku.selector, 10));
        catalog.deprecateSku(10);
    }

    // ------------------------------------------------------------------ reads

    function test_sku_revertsWhenUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IHardwareCatalog.HardwareCatalogUnknownSku.selector, 0));
        catalog.sku(0);
        vm.expectRevert(abi.encodeWithSelector(IHardwareCatalog.HardwareCatalogUnknownSku.selector, 10));
        catalog.sku(10);
        vm.expectRevert(abi.encodeWithSelector(IHardwareCatalog.HardwareCatalogUnknownSku.selector, type(uint256).max));
        catalog.sku(type(uint256).max);
    }

    function test_skuMemory_revertsWhenUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IHardwareCatalog.HardwareCatalogUnknownSku.selector, 0));
        catalog.skuMemory(0);
        vm.expectRevert(abi.encodeWithSelector(IHardwareCatalog.HardwareCatalogUnknownSku.selector, 10));
        catalog.skuMemory(10);
    }

    function test_skus_pages() public view {
        IHardwareCatalog.Sku[] memory all = catalog.skus(0, 100);
        assertEq(all.length, 9);
        assertEq(all[0].name, "GeForce RTX 3060 12 GB");
        assertEq(all[8].name, "M4 Pro 64 GB");

        IHardwareCatalog.Sku[] memory page = catalog.skus(2, 3);
        assertEq(page.length, 3);
        assertEq(page[0].name, "GeForce RTX 4090 24 GB");
        assertEq(page[2].name, "Radeon RX 7900 XTX 24 GB");

        page = catalog.skus(7, 5);
        assertEq(page.length, 2);
        assertEq(page[1].memoryMiB, 65536);

        assertEq(catalog.skus(9, 5).length, 0);
        assertEq(catalog.skus(100, 5).length, 0);
        assertEq(catalog.skus(0, 0).length, 0);
        assertEq(catalog.skus(3, type(uint256).max).length, 6);
    }

    function test_skus_showsDeprecation() public {
        catalog.deprecateSku(9);
        IHardwareCatalog.Sku[] memory page = catalog.skus(8, 1);
        assertTrue(page[0].deprecated);
    }

    // ------------------------------------------------------------------ admin

    function test_admin_cannotBeTransferredOrRenounced() public {
        // v1's Ownable functions are gone: their selectors reach no function (and there is no fallback).
        (bool transferred,) =
            address(catalog).call(abi.encodeWithSignature("transferOwnership(address)", STRANGER));
        (bool renounced,) = address(catalog).call(abi.encodeWithSignature("renounceOwnership()"));
        assertFalse(transferred, "transferOwnership exists");
        assertFalse(renounced, "renounceOwnership exists");
        assertEq(catalog.admin(), address(this));
        vm.prank(STRANGER);
        vm.expectRevert(
            abi.encodeWithSelector(FixedAdmin.FixedAdminUnauthorizedCaller.selector, STRANGER, address(this))
        );
        catalog.deprecateSku(1);
        assertFalse(catalog.sku(1).deprecated);
    }

    // ------------------------------------------------------------------ fuzz

    function testFuzz_addSku(uint32 mem, uint32 bw, uint8 vendorLen, uint8 nameLen) public {
        bytes4 expected;
        bytes memory data;
        // The vendor is checked fully before the name.
        if (vendorLen == 0) {
            data = abi.encodeWithSelector(IHardwareCatalog.HardwareCatalogEmptyName.selector);
        } else if (vendorLen > 64) {
            data = abi.encodeWithSelector(IHardwareCatalog.HardwareCatalogNameTooLong.selector, vendorLen, 64);
        } else if (nameLen == 0) {
            data = abi.encodeWithSelector(IHardwareCatalog.HardwareCatalogEmptyName.selector);
        } else if (nameLen > 64) {
            data = abi.encodeWithSelector(IHardwareCatalog.HardwareCatalogNameTooLong.selector, nameLen, 64);
        } else if (mem == 0) {
            data = abi.encodeWithSelector(IHardwareCatalog.HardwareCatalogZeroMemory.selector);
        } else if (bw == 0) {
            data = abi.encodeWithSelector(IHardwareCatalog.HardwareCatalogZeroBandwidth.selector);
        }
        expected = bytes4(data);
        IHardwareCatalog.SkuInput memory input = _input(_repeat(vendorLen), _repeat(nameLen), mem, bw);
        if (expected != bytes4(0)) {
            vm.expectRevert(data);
            catalog.addSku(input);
            assertEq(catalog.skuCount(), 9);
        } else {
            uint256 id = catalog.addSku(input);
            assertEq(id, 10);
            assertEq(catalog.sku(id).memoryMiB, mem);
            assertEq(catalog.sku(id).bandwidthGBps, bw);
        }
    }
}
