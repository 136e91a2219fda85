package initorder

var digits = []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}

func join() string {
	s := ""
	for _, d := range digits {
		s += d
	}
	return s
}
