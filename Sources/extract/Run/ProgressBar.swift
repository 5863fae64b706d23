import Foundation

/// A one-line progress bar on standard error (only when it is a terminal).
struct ProgressBar {
  let totalBytes: Int?
  let start = Date()
  var lastDraw = Date.distantPast

  mutating func update(documents: Int, bytes: Int, force: Bool = false) {
    let now = Date()
    guard force || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
    lastDraw = now
    let seconds = max(now.timeIntervalSince(start), 1e-6)
    let megabytes = Double(bytes) / 1_048_576
    let rate = megabytes / seconds
    var line = "\r\u{1B}[K"
    if let totalBytes, totalBytes > 0 {
      let fraction = min(Double(bytes) / Double(totalBytes), 1)
      let width = 24
      let filled = Int(fraction * Double(width))
      line += "[" + String(repeating: "#", count: filled)
      line += String(repeating: ".", count: width - filled) + "] "
      line += String(format: "%3.0f%% ", fraction * 100)
      let remaining = rate > 0 ? (Double(totalBytes - bytes) / 1_048_576) / rate : 0
      line +=
        String(
          format: "%d docs  %.1f/%.1f MB  %.1f MB/s  ETA ", documents, megabytes,
          Double(totalBytes) / 1_048_576, rate) + Self.duration(remaining)
    } else {
      line += String(format: "%d docs  %.1f MB  %.1f MB/s", documents, megabytes, rate)
    }
    FileHandle.standardError.write(Data(line.utf8))
  }

  func finish() {
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
  }

  static func duration(_ seconds: Double) -> String {
    let total = Int(seconds.rounded())
    return total >= 3600
      ? String(format: "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60)
      : String(format: "%d:%02d", total / 60, total % 60)
  }
}
