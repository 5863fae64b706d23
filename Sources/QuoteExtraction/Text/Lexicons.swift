/// The word lists the text layer needs, loaded once from the package's resources.
///
/// A class, so that taking it per document retains one object rather than each list's storage
/// (shared by every worker thread).
final class Lexicons: Sendable {
  /// Abbreviations that never end a sentence when followed by a name or number (Mr., Dr., St.).
  let titleAbbreviations: WordList
  /// Other abbreviations with a period (etc., Inc., a.m., U.S.), which may end a sentence.
  let abbreviations: WordList
  /// Words that commonly start a sentence; after an ambiguous abbreviation they signal a break.
  let sentenceStarters: WordList

  static let shared = Lexicons()

  private init() {
    titleAbbreviations = WordList(resource: PackageResources.abbreviations_titles_txt)
    abbreviations = WordList(resource: PackageResources.abbreviations_txt)
    sentenceStarters = WordList(resource: PackageResources.sentence_starters_txt)
  }
}
