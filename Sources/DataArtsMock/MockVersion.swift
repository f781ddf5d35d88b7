import Foundation

/// The version this build says it is, in `GET /__mock/config` and the dashboard: the top-level
/// `VERSION` file, compiled in by EmbedFilesPlugin, so that it cannot differ from the release's.
public enum MockVersion {
    public static let string = String(decoding: VersionFile.bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}
