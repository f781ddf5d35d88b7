/// What a path names, as far as the state file, the ready file and fixtures care.
enum FileKind: Equatable {
    case missing
    case file
    case folder
    /// A device, socket or pipe.
    case other
    /// `stat` failed otherwise (permission on a folder of the path, a loop): its errno.
    case unknown(Int32)
}
