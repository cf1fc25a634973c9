package lint

// Count reports a term used more than Max times. The only term so far is the
// customer's name, which comes from the context or the greeting.
type Count struct {
	Term string // "customer-name"
	Max  int
}

func (*Count) Kind() string { return "count" }

// TermCustomerName is the Count term for the customer's name.
const TermCustomerName = "customer-name"
