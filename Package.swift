// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "QuoteExtraction",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "QuoteExtraction", targets: ["QuoteExtraction"]),
    .executable(name: "extract", targets: ["extract"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    // Only for `swift package generate-documentation`; plain builds do not compile it.
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CICU",
      pkgConfig: "icu-uc",
      providers: [.apt(["libicu-dev", "pkg-config"])]
    ),
    .target(name: "CICUShim", dependencies: ["CICU"]),
    .systemLibrary(
      name: "CZlib",
      pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]
    ),
    .target(name: "TextSegmentation", dependencies: ["CICUShim"]),
    .target(
      name: "QuoteExtraction",
      dependencies: ["TextSegmentation"],
      resources: [.embedInCode("Resources")]
    ),
    .executableTarget(
      name: "extract",
      dependencies: [
        "QuoteExtraction",
        "CZlib",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .target(name: "QuoteExtractionTestSupport", dependencies: ["QuoteExtraction"]),
    .testTarget(
      name: "TextSegmentationTests",
      dependencies: ["TextSegmentation"]
    ),
    .testTarget(
      name: "QuoteExtractionTests",
      dependencies: ["QuoteExtraction", "QuoteExtractionTestSupport"]
    ),
    .testTarget(
      name: "ExtractCLITests",
      // NB: depends on the executable so that `swift test` builds it; the tests run the binary.
      dependencies: ["extract", "QuoteExtraction", "QuoteExtractionTestSupport"]
    ),
    .executableTarget(
      name: "EmbeddingExample", dependencies: ["QuoteExtraction"],
      path: "Examples/EmbeddingExample"),
    .executableTarget(
      name: "CustomVerbExample", dependencies: ["QuoteExtraction"],
      path: "Examples/CustomVerbExample"),
    .executableTarget(
      name: "CustomRuleExample", dependencies: ["QuoteExtraction"],
      path: "Examples/CustomRuleExample"),
    .executableTarget(
      name: "BatchExample", dependencies: ["QuoteExtraction"],
      path: "Examples/BatchExample"),
    .testTarget(
      name: "PublicAPITests",
      // NB: depends on the examples so that `swift test` builds them; the tests run the binaries.
      dependencies: [
        "QuoteExtraction", "EmbeddingExample", "CustomVerbExample", "CustomRuleExample",
        "BatchExample", "QuoteExtractionTestSupport",
      ]
    ),
    .testTarget(
      name: "ReliabilityTests",
      // NB: depends on the executable so that `swift test` builds it; the tests run the binary.
      dependencies: ["extract", "QuoteExtractionTestSupport"]
    ),
  ]
)
