import Foundation
import QuoteExtraction

let extractor = try QuoteExtractor()
