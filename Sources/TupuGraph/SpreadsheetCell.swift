/// CSV cells that a spreadsheet would run as a formula (OWASP "CSV injection"): a cell starting
/// with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so
/// `=HYPERLINK(…)某社区` shows as text instead of becoming a link. Plain numbers (`-3`, `+1.5`)
/// are left as they are: they cannot be formulas.
public enum SpreadsheetCell {
    public static func neutralised(_ field: String) -> String {
        guard let first = field.utf8.first, [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D].contains(first),
            !isPlainNumber(field)
        else { return field }
        return "'" + field
    }

    static func isPlainNumber(_ field: String) -> Bool {
        var digits = 0
        var points = 0
        for (i, byte) in field.utf8.enumerated() {
            switch byte {
            case 0x2B,
                0x2D where i == 0:
                continue
            case 0x30...0x39: digits += 1
            case 0x2E: points += 1
            default: return false
            }
        }
        return digits > 0 && points <= 1
    }
}
