#if canImport(Darwin)
import Darwin

/// macOS: every libc call of the transport, the counterpart of `Socket+Glibc.swift`. Where the
/// platforms differ: socket types and resource names are plain `Int32` constants, there is no
/// SOCK_CLOEXEC (FD_CLOEXEC is set after) and no MSG_NOSIGNAL (SO_NOSIGPIPE is set on each
/// accepted socket instead), and the open-files limit cannot go past OPEN_MAX.
///
/// Not compiled on the Linux machines this project is built and tested on: it was written
/// against the Darwin headers' names and checked by reading, not by a build.
extension Socket {
    /// A non-blocking listening socket bound to `host:port` (port 0: the kernel picks one).
    static func listen(host: String, port: UInt16, backlog: Int32) throws(SocketError) -> (fd: Int32, port: UInt16) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = SOCK_STREAM
        hints.ai_flags = AI_PASSIVE
        var results: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &results)
        guard status == 0, let first = results else {
            throw SocketError("getaddrinfo(\(host)): \(String(cString: gai_strerror(status)))", code: EINVAL)
        }
        defer { freeaddrinfo(results) }

        let fd = socket(first.pointee.ai_family, SOCK_STREAM, 0)
        guard fd >= 0 else { throw SocketError("socket") }
        do throws(SocketError) {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            // Lets a restarted server bind while old connections sit in TIME_WAIT. Unlike
            // SO_REUSEPORT it does not let a second server take a port that is listening.
            try setOption(fd, SOL_SOCKET, SO_REUSEADDR, 1)
            guard bind(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
                throw SocketError("bind(\(host):\(port))")
            }
            guard Darwin.listen(fd, backlog) == 0 else { throw SocketError("listen") }
            try setNonBlocking(fd)
            return (fd, try localPort(fd))
        } catch {
            Darwin.close(fd)
            throw error
        }
    }

    /// The next pending connection, non-blocking, with Nagle off and SIGPIPE off, or `nil`
    /// when none waits.
    static func accept(_ listener: Int32) throws(SocketError) -> Int32? {
        let fd = Darwin.accept(listener, nil, nil)
        if fd >= 0 {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            do throws(SocketError) {
                try setNonBlocking(fd)
                // Darwin's send has no MSG_NOSIGNAL: this socket option is how a write to a
                // peer that has gone fails with EPIPE instead of killing the process.
                try setOption(fd, SOL_SOCKET, SO_NOSIGPIPE, 1)
            } catch {
                Darwin.close(fd)
                throw error
            }
            // A failure only costs latency, so it does not refuse the client.
            var on: Int32 = 1
            _ = setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
            return fd
        }
        switch errno {
        case EAGAIN, EWOULDBLOCK, EINTR, ECONNABORTED: return nil
        default: throw SocketError("accept")
        }
    }

    static func receive(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Transfer {
        transfer(recv(fd, buffer.baseAddress, buffer.count, 0))
    }

    /// No flags: SO_NOSIGPIPE, set at accept, keeps a gone peer from raising SIGPIPE.
    static func send(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Transfer {
        transfer(Darwin.send(fd, bytes.baseAddress, bytes.count, 0))
    }

    private static func transfer(_ count: Int) -> Transfer {
        if count > 0 { return .bytes(count) }
        if count < 0 {
            switch errno {
            case EINTR: return .interrupted
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: break
            }
        }
        return .closed
    }

    /// Half-close: no more bytes from us, reading goes on.
    static func shutdownWrite(_ fd: Int32) {
        _ = Darwin.shutdown(fd, SHUT_WR)
    }

    static func close(_ fd: Int32) {
        _ = Darwin.close(fd)
    }

    static func setNonBlocking(_ fd: Int32) throws(SocketError) {
        let flags = fcntl(fd, F_GETFL)
        guard flags >= 0, fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 else { throw SocketError("fcntl") }
    }

    static func setOption(_ fd: Int32, _ level: Int32, _ name: Int32, _ value: Int32) throws(SocketError) {
        var value = value
        guard setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            throw SocketError("setsockopt(\(name))")
        }
    }

    static func localPort(_ fd: Int32) throws(SocketError) -> UInt16 {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let status = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard status == 0 else { throw SocketError("getsockname") }
        let family = Int32(storage.ss_family)
        return withUnsafePointer(to: &storage) { pointer in
            if family == AF_INET6 {
                pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
            } else {
                pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
            }
        }
    }

    static func ignoreBrokenPipeSignals() {
        _ = signal(SIGPIPE, SIG_IGN)
    }

    /// Raises the soft open-files limit towards the hard one. macOS reports an unlimited hard
    /// limit but refuses a soft one above OPEN_MAX, so that is the most asked for.
    static func raiseDescriptorLimit() {
        var limit = rlimit()
        guard getrlimit(RLIMIT_NOFILE, &limit) == 0 else { return }
        let wanted = min(limit.rlim_max, rlim_t(OPEN_MAX))
        guard limit.rlim_cur < wanted else { return }
        limit.rlim_cur = wanted
        _ = setrlimit(RLIMIT_NOFILE, &limit)
    }

    // MARK: - errno

    static var lastErrorCode: Int32 { errno }

    static func message(forErrorCode code: Int32) -> String {
        String(cString: strerror(code))
    }

    static func isAddressInUse(_ code: Int32) -> Bool { code == EADDRINUSE }

    /// The process or the system is out of descriptors (EMFILE, ENFILE).
    static func isOutOfDescriptors(_ code: Int32) -> Bool { code == EMFILE || code == ENFILE }
}
#endif
