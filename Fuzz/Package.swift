// swift-tools-version: 6.1
// libFuzzer targets, in their own package so that the root package never needs unsafe flags.
// Build and run with Fuzz/run.sh (it passes -sanitize=fuzzer,address).
import Foundation
import PackageDescription

// NB: a path dependency's identity is its folder's name (a clone may be called anything).
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let rootIdentity = root.lastPathComponent.lowercased()

let package = Package(
  name: "QuoteExtractionFuzz",
  dependencies: [.package(path: "../")],
  targets: [
    // NB: its ResultInvariants.swift is a link to the test support's, so both check the same.
    .target(
      name: "FuzzSupport",
      dependencies: [.product(name: "QuoteExtraction", package: rootIdentity)]
    ),
    .executableTarget(
      name: "fuzz-pipeline",
      dependencies: ["FuzzSupport", .product(name: "QuoteExtraction", package: rootIdentity)],
      swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    ),
    .executableTarget(
      name: "fuzz-rules",
      dependencies: ["FuzzSupport", .product(name: "QuoteExtraction", package: rootIdentity)],
      swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    ),
  ]
)
