// Virtual functions through multiple and virtual inheritance, defined in several
// files: vtables with this-adjusting thunks, virtual-base offsets, covariant return
// thunks, and construction vtables (VTT), resolved across the -r output.
struct Named {
  virtual ~Named();
  virtual const char *name() const;
  int name_id = 1;
};
struct Counted {
  virtual ~Counted();
  virtual int count() const;
  int counted = 2;
};
struct Base : virtual Named {
  virtual Base *self();
  virtual int value() const;
  int base_v = 10;
};
struct Widget : Base, Counted {
  Widget *self() override;
  int value() const override;
  int count() const override;
  const char *name() const override;
  int widget_v = 20;
};
struct Gadget : virtual Named, Widget {
  int value() const override;
  const char *name() const override;
};
Base *new_widget();
Named *new_gadget_as_named();
Counted *as_counted(Widget *w);
