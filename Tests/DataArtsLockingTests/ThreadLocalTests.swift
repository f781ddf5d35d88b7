import DataArtsLocking
import Foundation
import Testing

@Suite struct ThreadLocalTests {
    final class Box {
        let made: Int
        init(_ made: Int) { self.made = made }
    }

    static let boxes = ThreadLocal<Box>()
    static let madeCount = Locked(0)

    static func makeBox() -> Box {
        Box(madeCount.withLock { count in
            count += 1
            return count
        })
    }

    /// Runs `body` on a thread of its own, which exits once `body` returns.
    static func onNewThread(_ body: @escaping @Sendable () -> Void) {
        let finished = DispatchSemaphore(value: 0)
        let thread = Thread {
            body()
            finished.signal()
        }
        thread.start()
        finished.wait()
    }

    @Test func aThreadKeepsItsObjectAndAnotherThreadGetsItsOwn() {
        let mine = Self.boxes.current(orMake: Self.makeBox)
        #expect(Self.boxes.current === mine)
        #expect(Self.boxes.current(orMake: Self.makeBox) === mine)
        let theirs = Locked<ObjectIdentifier?>(nil)
        Self.onNewThread {
            #expect(Self.boxes.current == nil)
            let box = Self.boxes.current(orMake: Self.makeBox)
            theirs.withLock { $0 = ObjectIdentifier(box) }
        }
        #expect(theirs.withLock { $0 } != nil)
        #expect(theirs.withLock { $0 } != ObjectIdentifier(mine))
        #expect(Self.boxes.current === mine)
    }

    @Test func aThreadsObjectIsReleasedWhenTheThreadExits() {
        final class Watch: @unchecked Sendable {
            weak var box: Box?
        }
        let watch = Watch()
        Self.onNewThread {
            watch.box = Self.boxes.current(orMake: Self.makeBox)
        }
        // The key's destructor runs as the thread exits, just after `body` has returned.
        let deadline = Date().addingTimeInterval(5)
        while watch.box != nil, Date() < deadline { usleep(1000) }
        #expect(watch.box == nil)
    }
}
