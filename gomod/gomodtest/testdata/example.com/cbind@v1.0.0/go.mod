module example.com/cbind

go 1.21
