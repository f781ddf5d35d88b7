/// The version this build says it is, in `GET /__mock/config` and the dashboard: the top-level
/// `VERSION` file, compiled in by EmbedFilesPlugin, so that it cannot differ from the release's.
public enum MockVersion {
    public static let string: String = {
        // The file's own line break, and any blank around the version, are not part of it.
        let isBlank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        let bytes = VersionFile.bytes
        let start = bytes.firstIndex { !isBlank($0) } ?? bytes.endIndex
        let end = bytes.lastIndex { !isBlank($0) }.map { $0 + 1 } ?? start
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }()
}
