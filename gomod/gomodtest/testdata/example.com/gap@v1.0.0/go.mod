module example.com/gap

go 1.22
