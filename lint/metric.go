package lint

// Measures a Metric rule can take.
const (
	MeasureExclamations = "exclamations"  // exclamation marks in the reply
	MeasureStacked      = "stacked-marks" // runs such as "!!" or "?!"
	MeasureCapsWords    = "caps-words"    // words in capitals, less those in Allow
	MeasureEmoji        = "emoji"         // emoji characters
	MeasureWords        = "words"         // length of the reply in words
)

// Measures lists the valid measures.
var Measures = []string{MeasureExclamations, MeasureStacked, MeasureCapsWords, MeasureEmoji, MeasureWords}

// Metric reports what goes over Max of a measured property of the reply.
type Metric struct {
	Measure string
	Max     int
	Allow   []string // for caps-words: words that are fine in capitals (FAQ, ID)
}

func (*Metric) Kind() string { return "metric" }
