package jdlab.magics.devices;

/** {@code %gpu}: another name for {@link DevicesMagic}. */
public final class GpuMagic extends DevicesMagic {

    public GpuMagic() {
        super("gpu");
    }
}
