// Command replykit fills reply templates and lints reply drafts for tone.
package main

import (
	"os"

	"github.com/replykit/replykit/internal/cli"
)

func main() {
	stop := startProfile()
	code := cli.Main(os.Args[1:], cli.System())
	stop()
	os.Exit(code)
}
