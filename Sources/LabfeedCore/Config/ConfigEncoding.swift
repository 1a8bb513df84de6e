// Where a configuration file stops being UTF-8: a feeds.yml saved as Latin-1 or Windows-1252 (an
// `é` in a lab's name) is refused at the first byte that is not UTF-8, with its line and column.

/// The first byte of a file that is not UTF-8.
struct InvalidUTF8: Equatable {
    /// 1-based, columns counted in characters (Unicode scalars) as Yams counts them.
    var line: Int
    var column: Int
    var byte: UInt8
    /// The line, decoded with U+FFFD in place of what is not UTF-8.
    var text: String

    /// The first place in `bytes` that is not UTF-8, or nil when all of it is.
    static func first(in bytes: [UInt8]) -> InvalidUTF8? {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0, line = 1, column = 1, lineStart = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                offset += encoded.count
                if encoded.count == 1, encoded.first == 0x0A {
                    line += 1
                    column = 1
                    lineStart = offset
                } else {
                    column += 1
                }
            case .emptyInput:
                return nil
            case .error:
                var end = offset
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                var text = String(decoding: bytes[lineStart..<end], as: UTF8.self)
                if text.hasSuffix("\r") { text.removeLast() }
                return InvalidUTF8(line: line, column: column, byte: bytes[offset], text: text)
            }
        }
    }

    /// `the file is not valid UTF-8: byte 0xE9 ...`, with what to do.
    var message: String {
        let hex = String(byte, radix: 16, uppercase: true)
        return "the file is not valid UTF-8: byte 0x\(hex.count == 1 ? "0" + hex : hex) cannot start or continue a character"
            + " (a file saved as Latin-1 or Windows-1252? save it again as UTF-8)"
    }
}
