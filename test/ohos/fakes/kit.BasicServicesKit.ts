// A desktop stand-in for the values of @kit.BasicServicesKit the adapters read (BusinessError is a type).
export const deviceInfo = { deviceType: 'tablet', marketName: 'Desktop' };
