/// Resolves speaker mentions to entities across a document.
///
/// Runs after the rules: reads each attribution's `speaker` mention range and fills in
/// `speakerName`, `entity` and `speakerKind`, lists the document's entities, and gives
/// unattributed quotations in dialogue an implicit speaker where turn-taking shows it.
///
/// NB: a first version that only copies each mention's text as the name.
struct SpeakerResolver {
  let document: Document

  func resolve(_ result: inout ExtractionResult) {
    for index in result.attributions.indices {
      guard let speaker = result.attributions[index].speaker else { continue }
      result.attributions[index].speakerName = document.text(speaker)
    }
  }
}
