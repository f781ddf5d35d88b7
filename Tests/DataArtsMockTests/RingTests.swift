@testable import DataArtsMock
import Testing

/// The journal's buffer: first in, first out, whatever the wrap-around and growth.
@Suite struct RingTests {
    @Test func keepsOrderAcrossWrapAroundAndGrowth() {
        var ring = Ring<Int>()
        var model: [Int] = []
        var next = 0
        // A fixed pattern of appends and removals that wraps the head around and grows the
        // buffer while the head is not at slot 0.
        for step in 0..<500 {
            let appends = step % 3 == 0 ? 2 : 1
            for _ in 0..<appends {
                ring.append(next)
                model.append(next)
                next += 1
            }
            if step % 2 == 1 {
                #expect(ring.removeFirst() == model.removeFirst())
            }
            #expect(ring.count == model.count)
            #expect(ring.first == model.first)
        }
        #expect(ring.elements(from: 0) == model)
        #expect(ring.elements(from: model.count - 3) == Array(model.suffix(3)))
        #expect(ring.elements(from: model.count).isEmpty)
        while !model.isEmpty { #expect(ring.removeFirst() == model.removeFirst()) }
        #expect(ring.isEmpty)
        #expect(ring.first == nil)
    }

    @Test func removeAllEmptiesIt() {
        var ring = Ring<String>()
        for word in ["a", "b", "c"] { ring.append(word) }
        _ = ring.removeFirst()
        ring.removeAll()
        #expect(ring.isEmpty)
        ring.append("d")
        #expect(ring.elements(from: 0) == ["d"])
    }
}
