console.log('slipway cli placeholder');
