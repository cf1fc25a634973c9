// Package lint is replykit's engine: it turns a draft's bytes into a Document
// (prose and the segments never linted as prose), runs every rule of one
// language over the prose in a single word-matching pass, and returns
// Diagnostics as byte spans into the original input. Line and column are
// derived only when a formatter prints them.
package lint
