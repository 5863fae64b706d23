// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "Newsroom",
  dependencies: [
    .package(path: "../QuoteExtraction")
  ],
  targets: [
    .executableTarget(
      name: "Newsroom",
      dependencies: [.product(name: "QuoteExtraction", package: "QuoteExtraction")]
    )
  ]
)
