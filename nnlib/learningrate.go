package nnlib

import (
	"errors"
	"fmt"
)

// LearningRate returns the learning rate of the next optimizer step, like
// model.optimizer.learning_rate in Keras: the schedule's value at the
// current step when the optimizer has a Schedule.
func (m *Sequential) LearningRate() (float64, error) {
	if m == nil {
		return 0, errNilModel("LearningRate")
	}
	if !m.compiled {
		return 0, errors.New("nnlib: LearningRate: the model is not compiled; call Compile first")
	}
	if m.opt == nil { // compiled before it was built
		c := m.optCfg.common()
		if c.schedule != nil {
			return c.schedule.LearningRate(0), nil
		}
		return c.learningRate, nil
	}
	return m.opt.learningRate(), nil
}

// SetLearningRate sets the learning rate of the following steps, like
// assigning model.optimizer.learning_rate in Keras; the optimizer's state
// is kept. As in Keras it is an error when the optimizer has a Schedule.
func (m *Sequential) SetLearningRate(lr float64) error {
	if m == nil {
		return errNilModel("SetLearningRate")
	}
	if !m.compiled {
		return errors.New("nnlib: SetLearningRate: the model is not compiled; call Compile first")
	}
	if err := checkPositive("learning rate", lr); err != nil {
		return fmt.Errorf("nnlib: SetLearningRate: %w", err)
	}
	if m.opt == nil {
		return errors.New("nnlib: SetLearningRate: the model is not built yet; give the first layer an InputDim or Fit it first")
	}
	if m.opt.common.schedule != nil {
		return fmt.Errorf("nnlib: SetLearningRate: the optimizer was compiled with a Schedule (%T), so its learning rate is not settable", m.opt.common.schedule)
	}
	m.opt.lr = lr
	return nil
}
