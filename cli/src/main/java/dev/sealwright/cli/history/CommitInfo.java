package dev.sealwright.cli.history;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * How the history commands show a commit: id, author date (ISO 8601, UTC), author and the first
 * line of its message.
 */
record CommitInfo(
    String id, String shortId, Instant date, String author, String email, String subject) {

  static CommitInfo of(RevCommit commit) {
    PersonIdent author = commit.getAuthorIdent();
    return new CommitInfo(
        commit.name(),
        commit.abbreviate(7).name(),
        author.getWhenAsInstant().truncatedTo(ChronoUnit.SECONDS),
        author.getName(),
        author.getEmailAddress(),
        commit.getShortMessage());
  }

  /** {@code 1a2b3c4 2026-01-31T12:00:00Z Alice <alice@example.org>} */
  String text() {
    return shortId + " " + date + " " + Printable.of(author) + " <" + Printable.of(email) + ">";
  }

  Map<String, Object> json() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("commit", id);
    doc.put("shortCommit", shortId);
    doc.put("date", date.toString());
    doc.put("author", author);
    doc.put("email", email);
    doc.put("subject", subject);
    return doc;
  }
}
