import Foundation

/// `DataArtsEmbedTool OUTPUT.swift ENUM MEMBER=FILE…`: writes a Swift file declaring
/// `enum ENUM { static let MEMBER: [UInt8] }` holding each file's bytes exactly.
///
/// Each file goes into a raw multi-line string literal, with one more `#` in its delimiter
/// than the longest run of `#` in the file, so nothing in it can end the literal or start an
/// escape. A carriage return is refused, because Swift normalises line endings inside
/// multi-line literals and the bytes would change.
@main
struct EmbedTool {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        guard arguments.count >= 3, let output = arguments.first else {
            fail("usage: DataArtsEmbedTool OUTPUT.swift ENUM MEMBER=FILE…")
        }
        let enumName = arguments[arguments.startIndex + 1]
        var source = "// Generated at build time by DataArtsEmbedTool (Plugins/EmbedFilesPlugin): edit the\n"
        source += "// files named below, never this one.\n\n"
        source += "/// Files of the repository compiled into the binary, byte for byte.\n"
        source += "enum \(enumName) {\n"
        for argument in arguments.dropFirst(2) {
            guard let equals = argument.firstIndex(of: "=") else { fail("expected MEMBER=FILE, got \(argument)") }
            let member = String(argument[..<equals])
            let path = String(argument[argument.index(after: equals)...])
            guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
            guard let text = String(data: data, encoding: .utf8) else { fail("\(path) is not UTF-8 text") }
            guard !text.contains("\r") else {
                fail("\(path) holds a carriage return, which a Swift multi-line literal would not keep")
            }
            let hashes = String(repeating: "#", count: longestRun(of: "#", in: text) + 1)
            // The line break before the closing delimiter is not part of the literal: one more
            // keeps the file's own last line break.
            source += "    /// \(URL(fileURLWithPath: path).lastPathComponent), \(data.count) bytes.\n"
            source += "    static let \(member): [UInt8] = Array(\(hashes)\"\"\"\n"
            source += text + "\n"
            source += "\"\"\"\(hashes).utf8)\n"
        }
        source += "}\n"
        do {
            try source.write(toFile: output, atomically: true, encoding: .utf8)
        } catch {
            fail("cannot write \(output): \(error.localizedDescription)")
        }
    }

    static func longestRun(of character: Character, in text: String) -> Int {
        var longest = 0
        var current = 0
        for each in text {
            current = each == character ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("DataArtsEmbedTool: \(message)\n".utf8))
        exit(1)
    }
}
