import Foundation
import QuoteExtraction

let extractor = try QuoteExtractor()

let path = "Fixtures/examples/ap-mexico-migration.txt"
let text = try String(contentsOfFile: path, encoding: .utf8)
let result = try extractor.extract(from: text)
