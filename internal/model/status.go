package model

// Status is what a unit says of a task.
type Status string

const (
	Done       Status = "Hoàn thành"
	InProgress Status = "Đang thực hiện"
	NotStarted Status = "Chưa thực hiện"
)

// Statuses lists the values units choose from, in the order offered.
var Statuses = []Status{Done, InProgress, NotStarted}

// Meaning explains the status to the person filling the template.
func (s Status) Meaning() string {
	switch s {
	case Done:
		return "nhiệm vụ đã xong; ghi ngày hoàn thành và kết quả"
	case InProgress:
		return "đã triển khai, chưa xong; ghi kết quả đến thời điểm báo cáo"
	case NotStarted:
		return "chưa triển khai; nêu lý do ở cột “Khó khăn, vướng mắc”"
	}
	return ""
}
