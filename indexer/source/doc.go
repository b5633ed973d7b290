// Package source walks a corpus directory and reads its documents: .txt
// page dumps, .html pages and .jsonl exports (one document per line).
//
// Bad input never stops a walk: a file that cannot be used (binary,
// invalid UTF-8, empty, too large, unreadable, a broken JSON line) is
// reported as a Skip naming the file and the reason, and the walk goes on.
package source
