package main

// language is the sentence material of one language. Sentences may hold
// slots in braces ({item}, {order}, {date}, …) that are filled from slots or,
// for {order} and {amount}, made up; no brace is left in what is written, so
// the only placeholders in a draft are the ones a problem sentence puts there
// on purpose.
type language struct {
	code string
	// sep joins sentences within a paragraph: a space, or nothing for Chinese.
	sep string
	// greetings hold %s for the customer's name.
	greetings []string
	names     []string
	// placeholders stand where the name should be in a greeting left unfilled.
	placeholders []string
	// openers acknowledge the message; body sentences carry the substance;
	// next sentences say what happens next or offer more help. All are clean:
	// the shipped rules of the language do not flag them.
	openers []string
	body    []string
	next    []string
	// problems are sentences the shipped rules do flag: apologies for "the
	// inconvenience", blame, "unfortunately", vague timing, placeholders, …
	problems []string
	closings []string
	agents   []string
	// teams follow the agent's name in a signature after "-- ".
	teams []string
	slots map[string][]string
	// amount writes a sum of money from whole units and cents.
	amount func(units, cents int) string
}

// languages lists the material in the order -lang mix draws from.
var languages = []*language{english, malay, hebrew, chinese, finnish}

func languageByCode(code string) *language {
	for _, l := range languages {
		if l.code == code {
			return l
		}
	}
	return nil
}
