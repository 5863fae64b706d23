import QuoteExtraction
import Testing

// Found by the linearity benchmark (HTML debris, 2.6× then 3× the time for twice the text):
// each new mention of a known name copied all the entity's mentions, O(n²) for a name said n
// times. The time is guarded by `swift run -c release linearity` ("one name said everywhere");
// this test guards what the fix must keep: one entity with every mention, in text order.
@Test func aNameSaidManyTimesIsOneEntityWithEveryMention() throws {
  let count = 300
  let text = String(repeating: "“It is fine,” Smith said. ", count: count)
  let result = try QuoteExtractor().extract(from: text)
  let smith = result.entities.filter { $0.name == "Smith" }
  try #require(smith.count == 1, "\(result.entities.map(\.name))")
  let mentions = smith[0].mentions
  #expect(mentions.count == count)
  #expect(mentions.allSatisfy { result.document.text($0) == "Smith" })
  #expect(zip(mentions, mentions.dropFirst()).allSatisfy { $0.upperBound <= $1.lowerBound })
  #expect(result.attributions.filter { $0.entity != nil }.count == count)
}
