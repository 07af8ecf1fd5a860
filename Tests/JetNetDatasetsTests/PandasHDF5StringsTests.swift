import Foundation
import JetNetIO
import Testing

/// pandas' HDF5 layout (`df.to_hdf`) keeps column names in fixed-length string datasets.
@Suite struct PandasHDF5StringsTests {
    @Test func readsTopTaggingColumnNames() throws {
        let url = try fixtures.url("toptagging/val.h5")
        let file = try HDF5File(url: url)
        #expect(try file.info("table/axis0").type == .fixedString(length: 13))
        let columns = try file.readStrings("table/axis0")
        // 200 particles x (E, PX, PY, PZ), then the truth columns, ttv and is_signal_new.
        #expect(columns.count == 806)
        #expect(Array(columns.prefix(5)) == ["E_0", "PX_0", "PY_0", "PZ_0", "E_1"])
        #expect(columns[799] == "PZ_199")
        #expect(try file.readStrings("table/block1_items") == Array(columns.suffix(2)))
        #expect(try file.attributes(of: "table")["CLASS"] == .string("GROUP"))
    }
}
