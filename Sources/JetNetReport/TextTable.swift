/// A plain-text table with columns padded to their widest cell, for terminal output.
public struct TextTable: Sendable, Equatable {
    /// The column headings.
    public var headers: [String]
    /// The rows; each has one cell per heading.
    public var rows: [[String]]

    /// Makes a table.
    ///
    /// - Parameters:
    ///   - headers: the column headings.
    ///   - rows: the cells, one array per row (missing cells print empty).
    public init(headers: [String], rows: [[String]]) {
        self.headers = headers
        self.rows = rows
    }

    /// The table as lines: headings, a rule, then the rows; the first column left-aligned, the
    /// others right-aligned (numbers).
    public var rendered: String {
        let columns = headers.count
        var widths = headers.map(\.count)
        for row in rows {
            for (column, cell) in row.prefix(columns).enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            (0..<columns).map { column in
                let cell = column < cells.count ? cells[column] : ""
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }
        var lines = [line(headers), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += rows.map(line)
        return lines.joined(separator: "\n") + "\n"
    }
}
