/// ThreadSanitizer's annotation interface, looked up at run time: present only in a process
/// built with `--sanitize=thread`, so the same code runs in both builds.
@usableFromInline
enum ThreadSanitizer {
    private typealias Annotation = @convention(c) (UnsafeMutableRawPointer?) -> Void

    private static let acquireFunction = lookup("__tsan_acquire")
    private static let releaseFunction = lookup("__tsan_release")

    /// Everything written before a `release` of `address` happens before what follows.
    @usableFromInline
    static func acquire(_ address: UnsafeMutableRawPointer) {
        acquireFunction?(address)
    }

    @usableFromInline
    static func release(_ address: UnsafeMutableRawPointer) {
        releaseFunction?(address)
    }

    private static func lookup(_ name: String) -> Annotation? {
        symbol(named: name).map { unsafeBitCast($0, to: Annotation.self) }
    }
}
