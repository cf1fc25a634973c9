package lint

// hantToHans maps traditional Chinese characters to simplified ones, so a
// phrase written in one script matches text in the other. The Chinese pack
// fills it.
var hantToHans = map[rune]rune{}
