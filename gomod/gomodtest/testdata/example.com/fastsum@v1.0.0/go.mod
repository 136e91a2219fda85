module example.com/fastsum

go 1.21
