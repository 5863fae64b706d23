// swift-tools-version: 6.1
// The benchmarks are their own package, so that ordinary builds of QuoteExtraction never compile
// package-benchmark. Run from this folder: swift package benchmark
import Foundation
import PackageDescription

// NB: a path dependency's identity is its folder's name (a clone may be called anything).
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let rootIdentity = root.lastPathComponent.lowercased()

let package = Package(
  name: "QuoteExtractionBenchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(path: "../"),
    .package(
      url: "https://github.com/ordo-one/package-benchmark", from: "1.38.0",
      traits: ["MallocInterposer"]),
  ],
  targets: [
    .target(name: "BenchmarkSupport"),
    .executableTarget(
      name: "stage-ratios",
      dependencies: [
        "BenchmarkSupport", .product(name: "QuoteExtraction", package: rootIdentity),
      ]
    ),
    .executableTarget(
      name: "linearity",
      dependencies: [.product(name: "QuoteExtraction", package: rootIdentity)]
    ),
    .executableTarget(
      name: "PipelineBenchmarks",
      dependencies: [
        .product(name: "QuoteExtraction", package: rootIdentity),
        .product(name: "Benchmark", package: "package-benchmark"),
        "BenchmarkSupport",
      ],
      path: "Benchmarks/PipelineBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
    ),
  ]
)
