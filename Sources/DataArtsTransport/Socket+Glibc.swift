#if canImport(Glibc)
import Glibc

/// Linux: every libc call of the transport. Keep `Socket+Darwin.swift` in step.
extension Socket {
    /// A non-blocking listening socket bound to `host:port` (port 0: the kernel picks one).
    static func listen(host: String, port: UInt16, backlog: Int32) throws(SocketError) -> (fd: Int32, port: UInt16) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE
        var results: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &results)
        guard status == 0, let first = results else {
            throw SocketError("getaddrinfo(\(host)): \(String(cString: gai_strerror(status)))", code: EINVAL)
        }
        defer { freeaddrinfo(results) }

        let fd = socket(first.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SocketError("socket") }
        do throws(SocketError) {
            // Lets a restarted server bind while old connections sit in TIME_WAIT; on Linux it
            // does not let two servers listen on one port, so "port in use" is still reported.
            try setOption(fd, SOL_SOCKET, SO_REUSEADDR, 1)
            guard bind(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
                throw SocketError("bind(\(host):\(port))")
            }
            guard Glibc.listen(fd, backlog) == 0 else { throw SocketError("listen") }
            try setNonBlocking(fd)
            return (fd, try localPort(fd))
        } catch {
            Glibc.close(fd)
            throw error
        }
    }

    /// The next pending connection, non-blocking and with Nagle off, or `nil` when none waits.
    static func accept(_ listener: Int32) throws(SocketError) -> Int32? {
        // accept4 is hidden behind _GNU_SOURCE in Glibc's module map, so flags are set after.
        let fd = Glibc.accept(listener, nil, nil)
        if fd >= 0 {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            do throws(SocketError) {
                try setNonBlocking(fd)
            } catch {
                Glibc.close(fd)
                throw error
            }
            // Replies are written whole; without TCP_NODELAY a small one waits for an ACK.
            // A failure only costs latency, so it does not refuse the client.
            var on: Int32 = 1
            _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
            return fd
        }
        switch errno {
        case EAGAIN, EWOULDBLOCK, EINTR, ECONNABORTED: return nil
        default: throw SocketError("accept")
        }
    }

    static func receive(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Transfer {
        let count = recv(fd, buffer.baseAddress, buffer.count, 0)
        return transfer(count)
    }

    /// MSG_NOSIGNAL: a peer that has gone makes this fail with EPIPE instead of raising SIGPIPE,
    /// whatever the process's signal disposition.
    static func send(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Transfer {
        let count = Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
        return transfer(count)
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
        _ = Glibc.shutdown(fd, Int32(SHUT_WR))
    }

    static func close(_ fd: Int32) {
        _ = Glibc.close(fd)
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

    /// Raises the soft open-files limit to the hard one, so `--max-clients` is not capped by a
    /// default of 1024 descriptors.
    static func raiseDescriptorLimit() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
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
